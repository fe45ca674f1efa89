/* A submission's results in the JSON Gradescope reads (its autograder
 * results.json): the score, the time it took, the output shown to the
 * student, and each check with its visibility from the lab's manifest. */
#pragma once

#include <stdio.h>

#include "grader/class/manifest.h"
#include "grader/rubric.h"
#include "grader/score.h"

/* Raw bytes of text results.json quotes: the notes and each check's
 * output, lines of at most CLASS_RESULT_LINE_MAX bytes, at most
 * CLASS_RESULT_LINES of them per text. Even escaped six to a byte, that
 * keeps the file under 1 MB, as Gradescope and PrairieLearn want. */
#define CLASS_OUTPUT_MAX      (40 << 10)
#define CLASS_CHECK_MAX       (4 << 10)
#define CLASS_CHECKS_MAX      (100 << 10) /* all checks' outputs together */
#define CLASS_RESULT_LINES    60
#define CLASS_RESULT_LINE_MAX 300

/* text with each line cut at line_max bytes, at most max_lines lines and
 * about max_bytes in all, saying what was left out; newly allocated. */
char *class_cap_text(const char *text, size_t max_bytes, int max_lines, size_t line_max);

/* res NULL means nothing was graded (the submission did not build): every
 * check then scores 0, failed, with `why` as its output. */
void class_write_results(FILE *f, const struct rubric *r, const struct check_result *res,
                         const char *why, const char *output, double seconds,
                         const struct manifest *m);

/* One line for the class's CSV: score, max, then each check's score. */
void class_write_summary(FILE *f, const struct rubric *r, const struct check_result *res);
