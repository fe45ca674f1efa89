/* Comparing what the variant table expects of a kernel with what the grader
 * decided: per check, and per kernel a verdict (match or mismatch) and the
 * alarms the report must raise. Pure logic over rubric and score results. */
#pragma once

#include <stdbool.h>

#include "grader/matrix/variants.h"
#include "grader/rubric.h"
#include "grader/score.h"

/* One check of one kernel: what the table wants and what happened. */
struct matrix_cell {
  bool graded;
  enum variant_expect expect;
  bool passed; /* a skipped or failed check did not pass */
  bool match;  /* the outcome is one the table allows */
};

struct matrix_row {
  const struct variant *v;
  bool missing;              /* the kernel was not built: nothing could be graded */
  struct matrix_cell *cells; /* one per rubric check */
  int ncells;
  int passed_want_fail; /* checks the table says must fail, yet passed */
  int failed_want_pass; /* checks the table says must pass, yet failed */
  bool match;
};

/* Compare row `v` with the grader's verdicts `actual` (one per check of `r`,
 * CHECK_UNGRADED for checks not graded). With `missing` set, `actual` may be
 * NULL and the row is a mismatch. Allocates row->cells. */
void matrix_compare(const struct variant *v, const struct rubric *r,
                    const struct check_result *actual, bool missing, struct matrix_row *row);

/* A broken-on-purpose kernel passed a check meant to catch its mistake. */
bool matrix_missed_broken(const struct matrix_row *row);

/* A correct kernel failed a check (or was not there to be graded). */
bool matrix_failed_correct(const struct matrix_row *row);

void matrix_row_free(struct matrix_row *row);
