/* Matching a check's conditions against a run's console lines, and saying
 * which lines decided the outcome. Relies on the regexes the parser compiled. */
#pragma once

#include <stdbool.h>

#include "grader/rubric.h"

/* Number of lines of `text` (newline-separated) that `re` matches. */
int match_count(const regex_t *re, const char *text);

/* Whether `cond` holds on `text`; on failure *why (if not NULL) receives a
 * newly allocated explanation quoting the deciding lines with their numbers. */
bool match_condition(const struct rubric_cond *cond, const char *text, char **why);
