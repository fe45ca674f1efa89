/* Tests of the variant matrix's pure logic: the table parser (good rows and
 * malformed ones, refused with file:line), the expected-against-actual
 * comparison with `may fail` and missing kernels, and forkbench's TSV. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "grader/matrix_bench.h"
#include "grader/matrix_compare.h"
#include "grader/matrix_table.h"
#include "grader/rubric.h"

static char err[512];

static const char rubric_text[] = "run cowtest\n    $ cowtest\n"
                                  "check cow-simple 10\n    expect: ^simple: ok$\n"
                                  "check cow-file 10\n    expect: ^file: ok$\n"
                                  "check cow-all 10\n    expect: ^ALL COW TESTS PASSED$\n"
                                  "run usertests\n    $ usertests -q\n"
                                  "check usertests-all 10\n    expect: ^ALL TESTS PASSED$\n";

static struct rubric rubric(void)
{
  struct rubric r;
  cr_assert_eq(rubric_parse(&r, "rubric", rubric_text, err, sizeof err), 0, "%s", err);
  return r;
}

static struct variant_table table(const char *text)
{
  struct variant_table t;
  cr_assert_eq(variants_parse(&t, "variants", text, err, sizeof err), 0, "%s", err);
  return t;
}

static void refused(const char *text, const char *want)
{
  struct variant_table t;
  cr_expect_eq(variants_parse(&t, "variants", text, err, sizeof err), -1, "accepted: %s", text);
  cr_expect(strstr(err, want) != NULL, "message '%s' lacks '%s'", err, want);
}

Test(matrix_table, rows_give_kernel_options_kind_and_expectations)
{
  struct variant_table t =
      table("# comment\n\n"
            "kernel-cow-lock-trap -Dfork=cow -Drefcount=lock -Duaccess=trap correct  # trailing\n"
            "kernel-cow-lock-unaware -Duaccess=unaware -Dfork=cow -Drefcount=lock broken "
            "fail: cow-file cow-all may fail: cow-simple\n");
  cr_assert_eq(t.nrows, 2);
  cr_expect_str_eq(t.rows[0].kernel, "kernel-cow-lock-trap");
  cr_expect_str_eq(t.rows[0].uaccess, "trap");
  cr_expect_eq(t.rows[0].kind, VARIANT_CORRECT);
  cr_expect_eq(t.rows[0].line, 3);
  cr_expect_eq(t.rows[1].kind, VARIANT_BROKEN);
  cr_expect_eq(variant_expect(&t.rows[1], "cow-file"), EXPECT_FAIL);
  cr_expect_eq(variant_expect(&t.rows[1], "cow-simple"), EXPECT_MAY_FAIL);
  cr_expect_eq(variant_expect(&t.rows[1], "cow-three"), EXPECT_PASS);
  cr_expect_eq(variant_expect(&t.rows[0], "cow-file"), EXPECT_PASS);
  variants_free(&t);
}

Test(matrix_table, all_covers_unnamed_checks_and_a_named_check_wins)
{
  struct variant_table t = table("kernel-nofault-lock-simulate -Dfork=nofault -Drefcount=lock "
                                 "-Duaccess=simulate broken fail: all may fail: cow-kill\n");
  cr_expect_eq(variant_expect(&t.rows[0], "usertests-all"), EXPECT_FAIL);
  cr_expect_eq(variant_expect(&t.rows[0], "cow-kill"), EXPECT_MAY_FAIL);
  variants_free(&t);
}

Test(matrix_table, malformed_rows_are_refused_with_file_and_line)
{
  refused("\n\nkernel-cow-lock-trap -Dfork=cow -Drefcount=lock -Duaccess=trap good\n",
          "variants:3: expected the kind 'correct', 'baseline' or 'broken', found 'good'");
  refused("kernel-cow-lock-trap -Dfork=cow -Drefcount=lock correct\n",
          "variants:1: expected -Dfork=, -Drefcount= or -Duaccess=, found 'correct'");
  refused("kernel-cow-lock-trap -Dfork=cow -Drefcount=atomic -Duaccess=trap correct\n",
          "variants:1: the options build kernel-cow-atomic-trap, not kernel-cow-lock-trap");
  refused("kernel-cow-lock-trap -Dfork=cow -Dfork=cow -Duaccess=trap correct\n",
          "-Dfork is given twice");
  refused("kernel-cow-lock-trap -Dfork=cow -Drefcount=lock -Duaccess=trap correct fail: x\n",
          "a correct kernel must pass every check");
  refused("kernel-cow-lock-trap -Dfork=cow -Drefcount=lock -Duaccess=trap broken fail:\n",
          "expected check names after 'fail:'");
  refused("kernel-cow-lock-trap -Dfork=cow -Drefcount=lock -Duaccess=trap broken "
          "fail: a may fail: a\n",
          "check 'a' is listed twice");
  refused("kernel-cow-lock-trap -Dfork=cow -Drefcount=lock -Duaccess=trap broken cow-file\n",
          "expected 'fail:', 'may fail:' or the end of the line, found 'cow-file'");
  refused("kernel-a-b-c -Dfork=a -Drefcount=b -Duaccess=c correct\n"
          "kernel-a-b-c -Dfork=a -Drefcount=b -Duaccess=c correct\n",
          "variants:2: kernel-a-b-c already has a row (line 1)");
  refused("# nothing but comments\n", "expected at least one row");
}

Test(matrix_table, unknown_check_names_are_refused_with_the_row_line)
{
  struct rubric r = rubric();
  struct variant_table t = table("kernel-a-b-c -Dfork=a -Drefcount=b -Duaccess=c broken "
                                 "fail: all\n\nkernel-d-e-f -Dfork=d -Drefcount=e -Duaccess=f "
                                 "broken fail: cow-flie\n");
  cr_expect_eq(variants_check_names(&t, &r, err, sizeof err), -1);
  cr_expect(strstr(err, "variants:3: rubric has no check named 'cow-flie'"), "%s", err);
  variants_free(&t);
  rubric_free(&r);
}

Test(matrix_table, the_shipped_cow_table_parses_against_the_cow_rubric)
{
  struct variant_table t;
  struct rubric r;
  cr_assert_eq(variants_load(&t, SOURCE_ROOT "/labs/cow/variants", err, sizeof err), 0, "%s", err);
  cr_assert_eq(rubric_load(&r, SOURCE_ROOT "/labs/cow/rubric", err, sizeof err), 0, "%s", err);
  cr_expect_eq(variants_check_names(&t, &r, err, sizeof err), 0, "%s", err);
  cr_expect_geq(t.nrows, 11);
  variants_free(&t);
  rubric_free(&r);
}

/* The table of one row, compared with statuses given per check of
 * rubric_text; the caller frees both with done(). */
struct fixture {
  struct variant_table t;
  struct matrix_row row;
};

static struct fixture compare(const char *row_text, const enum check_status *status, bool missing)
{
  struct fixture f = {.t = table(row_text)};
  struct rubric r = rubric();
  struct check_result res[4];
  memset(res, 0, sizeof res);
  for (int i = 0; i < 4 && status; i++)
    res[i].status = status[i];
  matrix_compare(&f.t.rows[0], &r, missing ? NULL : res, missing, &f.row);
  rubric_free(&r);
  return f;
}

static void done(struct fixture *f)
{
  matrix_row_free(&f->row);
  variants_free(&f->t);
}

static const char correct[] = "kernel-c-l-s -Dfork=c -Drefcount=l -Duaccess=s correct\n";
static const char unaware[] = "kernel-c-l-u -Dfork=c -Drefcount=l -Duaccess=u broken "
                              "fail: cow-file cow-all\n";
static const char racy[] = "kernel-c-r-s -Dfork=c -Drefcount=r -Duaccess=s broken "
                           "may fail: cow-file cow-all\n";

Test(matrix_compare, a_correct_kernel_that_passes_everything_matches)
{
  enum check_status s[] = {CHECK_PASSED, CHECK_PASSED, CHECK_PASSED, CHECK_PASSED};
  struct fixture f = compare(correct, s, false);
  cr_expect(f.row.match);
  cr_expect_not(matrix_failed_correct(&f.row));
  done(&f);
}

Test(matrix_compare, a_correct_kernel_failing_a_check_is_the_grader_failing_it)
{
  enum check_status s[] = {CHECK_PASSED, CHECK_FAILED, CHECK_PASSED, CHECK_SKIPPED};
  struct fixture f = compare(correct, s, false);
  cr_expect_not(f.row.match);
  cr_expect_eq(f.row.failed_want_pass, 2, "a skipped check did not pass either");
  cr_expect(matrix_failed_correct(&f.row));
  cr_expect_not(matrix_missed_broken(&f.row));
  done(&f);
}

Test(matrix_compare, ungraded_checks_are_not_compared)
{
  enum check_status s[] = {CHECK_PASSED, CHECK_PASSED, CHECK_PASSED, CHECK_UNGRADED};
  struct fixture f = compare(correct, s, false);
  cr_expect(f.row.match);
  cr_expect_not(f.row.cells[3].graded);
  done(&f);
}

Test(matrix_compare, a_broken_kernel_failing_its_checks_matches)
{
  enum check_status s[] = {CHECK_PASSED, CHECK_FAILED, CHECK_FAILED, CHECK_UNGRADED};
  struct fixture f = compare(unaware, s, false);
  cr_expect(f.row.match);
  cr_expect_eq(f.row.cells[1].expect, EXPECT_FAIL);
  done(&f);
}

Test(matrix_compare, a_broken_kernel_passing_a_must_fail_check_is_missed)
{
  enum check_status s[] = {CHECK_PASSED, CHECK_PASSED, CHECK_FAILED, CHECK_UNGRADED};
  struct fixture f = compare(unaware, s, false);
  cr_expect_not(f.row.match);
  cr_expect_eq(f.row.passed_want_fail, 1);
  cr_expect(matrix_missed_broken(&f.row));
  cr_expect_not(matrix_failed_correct(&f.row));
  done(&f);
}

Test(matrix_compare, a_broken_kernel_failing_a_must_pass_check_is_a_plain_mismatch)
{
  enum check_status s[] = {CHECK_FAILED, CHECK_FAILED, CHECK_FAILED, CHECK_UNGRADED};
  struct fixture f = compare(unaware, s, false);
  cr_expect_not(f.row.match);
  cr_expect_eq(f.row.failed_want_pass, 1);
  cr_expect_not(matrix_missed_broken(&f.row));
  done(&f);
}

Test(matrix_compare, may_fail_matches_either_outcome)
{
  enum check_status pass[] = {CHECK_PASSED, CHECK_PASSED, CHECK_PASSED, CHECK_UNGRADED};
  enum check_status fail[] = {CHECK_PASSED, CHECK_FAILED, CHECK_FAILED, CHECK_UNGRADED};
  struct fixture a = compare(racy, pass, false), b = compare(racy, fail, false);
  cr_expect(a.row.match);
  cr_expect(b.row.match);
  cr_expect_not(matrix_missed_broken(&a.row), "a race that did not happen is not a miss");
  done(&a);
  done(&b);
}

Test(matrix_compare, a_missing_kernel_is_a_mismatch_and_grades_nothing)
{
  struct fixture f = compare(correct, NULL, true);
  cr_expect_not(f.row.match);
  cr_expect(f.row.missing);
  cr_expect_not(f.row.cells[0].graded);
  cr_expect(matrix_failed_correct(&f.row), "a correct kernel that is not there is not passed");
  done(&f);
  struct fixture g = compare(unaware, NULL, true);
  cr_expect_not(g.row.match, "a missing broken kernel is not a match either");
  done(&g);
}

Test(matrix_bench, reads_the_rows_under_the_header_and_stops_at_the_prompt)
{
  static const char console[] = "$ forkbench -t\n"
                                "size_mib\tfork_wait\tfork_exec\tfork_touch\tcopied_exec\n"
                                "1\t120000\t900000\t300000\t3\n"
                                "64\t125000\t-\t9000000\t4\n"
                                "$ poweroff\n";
  struct bench_table t;
  cr_assert_eq(bench_parse(console, &t), 2);
  cr_expect_eq(t.rows[0].size_mib, 1);
  cr_expect_eq(t.rows[0].value[BENCH_FORK_WAIT], 120000);
  cr_expect_eq(t.rows[0].value[BENCH_COPIED_EXEC], 3);
  cr_expect_eq(t.rows[1].size_mib, 64);
  cr_expect_not(t.rows[1].have[BENCH_FORK_EXEC], "'-' is a cell not measured");
  cr_expect(t.rows[1].have[BENCH_FORK_TOUCH]);
}

Test(matrix_bench, no_header_or_no_rows_is_an_error)
{
  struct bench_table t;
  cr_expect_eq(bench_parse("$ forkbench\nsize_MiB fork+wait\n1 2 3 4 5\n", &t), -1);
  cr_expect_eq(bench_parse("size_mib\tfork_wait\tfork_exec\tfork_touch\tcopied_exec\n"
                           "1\t2\t3\n",
                           &t),
               -1, "a short row is not a row");
}
