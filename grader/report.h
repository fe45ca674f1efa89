/* Reporting results: the live progress line and run lines for people, the
 * score table with the deciding lines of each failure, TAP 13 for
 * `meson test`, and JSON in the Gradescope results format. */
#pragma once

#include <stdio.h>

#include "grader/rubric.h"
#include "grader/score.h"

/* Rewrites the terminal's current line: "[run 2 of 5] name 3.1s $ cmd". */
void report_progress(FILE *f, int started, int total, const char *run, double elapsed,
                     const char *typed);
void report_clear_progress(FILE *f);
void report_run_started(FILE *f, int started, int total, const char *run);
void report_run_done(FILE *f, const char *run, const struct run_result *res);

/* `--list`: the runs with their commands and the checks with their points. */
void report_list(FILE *f, const struct rubric *r);

/* The score table, then report_end. */
void report_table(FILE *f, const struct rubric *r, const struct run_result *runs,
                  const struct check_result *res);

/* Each failure with its log, deciding lines and hint, then the closing
 * summary: each check that lost points with its reason's first line, and
 * the score, last. What follows TAP, whose tests already list the checks. */
void report_end(FILE *f, const struct rubric *r, const struct run_result *runs,
                const struct check_result *res);

/* TAP version 13, one test per graded check. */
void report_tap(FILE *f, const struct rubric *r, const struct check_result *res);

/* Gradescope's results.json; graded checks only, then (if runs is not NULL)
 * each run's verdict, time and longest silence under "extra_data". */
void report_json(FILE *f, const struct rubric *r, const struct run_result *runs,
                 const struct check_result *res);

/* Writers' building blocks, exposed for their unit tests. */
void report_json_string(FILE *f, const char *s);
void report_tap_description(FILE *f, const char *s);
