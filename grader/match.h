/* Matching a check against a run's console lines: its section, its
 * conditions (tagged ones count only lines whose tag verifies) and its
 * partial-credit line, and saying which lines decided the outcome. Relies
 * on the regexes the parser compiled and on tag.h for the tags. */
#pragma once

#include <stdbool.h>

#include "grader/rubric.h"
#include "grader/tag.h"

/* What a line's tag says, once checked against the run's key. */
enum match_tag {
  MATCH_UNTAGGED, /* no tag at the end of the line */
  MATCH_TAG_OK,   /* the tag verifies, and its ID is new in this run */
  MATCH_TAG_BAD,  /* a tag, but not the one the key gives for this text */
  MATCH_TAG_COPY, /* a valid tag whose ID an earlier line had: a replay */
  MATCH_TAG_NOKEY /* a tag, but the run had no key to check it with */
};

struct match_line {
  char *text; /* NUL-terminated, with its tag taken off (and, for a valid tag,
               * what the console put before the tagged text) */
  enum match_tag tag;
  char id[28]; /* the tag's ID, or "" */
  int first;   /* MATCH_TAG_COPY: the number of the line it copies */
};

/* A run's console as the checks see it; line i has number i + 1. */
struct match_console {
  struct match_line *lines;
  int n;
  char *buf;
};

/* Lines from..to-1 of a console: a check's section, or all of it. */
struct match_range {
  int from, to;
};

/* Splits `output` into lines and checks each line's tag with `key` (NULL
 * when the run had none). */
void match_console_init(struct match_console *mc, const char *output, const unsigned char *key);
void match_console_free(struct match_console *mc);

/* The lines a check's section covers (all of them when sec is NULL). False,
 * with *why, when the section never opens. */
bool match_section(const struct rubric_section *sec, const struct match_console *mc,
                   struct match_range *out, char **why);

/* Whether an expect or reject condition holds on the range; on failure *why
 * (if not NULL) receives a newly allocated explanation quoting the deciding
 * lines with their numbers. */
bool match_cond(const struct rubric_cond *cond, const struct match_console *mc,
                struct match_range range, char **why);

/* A partial-credit condition: the last line of the range that matches gives
 * GOT and OUT OF (groups 1 and 2); *fraction is GOT / OUT OF in [0, 1] and
 * *line its number. False, with *why, when no line gives a score. */
bool match_partial(const struct rubric_cond *cond, const struct match_console *mc,
                   struct match_range range, double *fraction, int *line, char **why);

/* The same on a whole untagged transcript, for tests and simple callers. */
int match_count(const regex_t *re, const char *text);
bool match_condition(const struct rubric_cond *cond, const char *text, char **why);
