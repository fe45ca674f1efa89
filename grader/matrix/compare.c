/* Expected against actual, check by check: a `may fail` check matches either
 * way, an ungraded check is not compared, and a kernel that was not built
 * is a mismatch, since the table promises that it exists. */
#include "grader/matrix/compare.h"

#include <stdlib.h>

void matrix_compare(const struct variant *v, const struct rubric *r,
                    const struct check_result *actual, bool missing, struct matrix_row *row)
{
  row->v = v;
  row->missing = missing;
  row->ncells = r->nchecks;
  row->cells = calloc((size_t)r->nchecks + 1, sizeof *row->cells);
  row->passed_want_fail = row->failed_want_pass = 0;
  for (int i = 0; i < r->nchecks; i++) {
    struct matrix_cell *c = &row->cells[i];
    c->expect = variants_expect(v, r->checks[i].name);
    c->graded = !missing && actual && actual[i].status != CHECK_UNGRADED;
    c->passed = c->graded && actual[i].status == CHECK_PASSED;
    c->match =
        !c->graded || c->expect == EXPECT_MAY_FAIL || c->passed == (c->expect == EXPECT_PASS);
    if (c->match)
      continue;
    if (c->passed)
      row->passed_want_fail++;
    else
      row->failed_want_pass++;
  }
  row->match = !missing && row->passed_want_fail == 0 && row->failed_want_pass == 0;
}

bool matrix_missed_broken(const struct matrix_row *row)
{
  return row->v->kind == VARIANT_BROKEN && row->passed_want_fail > 0;
}

bool matrix_failed_correct(const struct matrix_row *row)
{
  return row->v->kind == VARIANT_CORRECT && (row->failed_want_pass > 0 || row->missing);
}

void matrix_row_free(struct matrix_row *row)
{
  free(row->cells);
  row->cells = NULL;
}
