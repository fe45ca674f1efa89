/* A submission's results in the JSON Gradescope reads (its autograder
 * results.json): the score, the time it took, the output shown to the
 * student, and each check with its visibility from the lab's manifest. */
#pragma once

#include <stdio.h>

#include "grader/class/manifest.h"
#include "grader/rubric.h"
#include "grader/score.h"

/* res NULL means nothing was graded (the submission did not build): every
 * check then scores 0, failed, with `why` as its output. */
void class_write_results(FILE *f, const struct rubric *r, const struct check_result *res,
                         const char *why, const char *output, double seconds,
                         const struct manifest *m);

/* One line for the class's CSV: score, max, then each check's score. */
void class_write_summary(FILE *f, const struct rubric *r, const struct check_result *res);
