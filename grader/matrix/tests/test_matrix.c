/* Tests of the variant matrix's pure logic: the table parser (good rows and
 * malformed ones, refused with file:line), the expected-against-actual
 * comparison with `may fail` and missing kernels, forkbench's TSV, the
 * report's eager-against-copy-on-write tables, charts and terminal lines,
 * and the command line's forkbench kernels. */
#define _GNU_SOURCE
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grader/matrix/bench.h"
#include "grader/matrix/compare.h"
#include "grader/matrix/options.h"
#include "grader/matrix/report.h"
#include "grader/matrix/variants.h"
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
  cr_expect_str_eq(variants_option(&t.rows[0], "uaccess"), "trap");
  cr_expect_str_eq(variants_option(&t.rows[1], "fork"), "cow", "options in any order");
  cr_expect_null(variants_option(&t.rows[0], "ufork"));
  cr_expect_eq(t.rows[0].kind, VARIANT_CORRECT);
  cr_expect_eq(t.rows[0].line, 3);
  cr_expect_eq(t.rows[1].kind, VARIANT_BROKEN);
  cr_expect_eq(variants_expect(&t.rows[1], "cow-file"), EXPECT_FAIL);
  cr_expect_eq(variants_expect(&t.rows[1], "cow-simple"), EXPECT_MAY_FAIL);
  cr_expect_eq(variants_expect(&t.rows[1], "cow-three"), EXPECT_PASS);
  cr_expect_eq(variants_expect(&t.rows[0], "cow-file"), EXPECT_PASS);
  variants_free(&t);
}

/* The matrix knows no mechanism by name: a later lab's option is one more
 * pair, and the name its options spell is Meson's to check
 * (labs/meson.build), so adding a mechanism changes no C. */
Test(matrix_table, a_row_holds_any_mechanisms_options_as_pairs)
{
  struct variant_table t = table("kernel-eager-lock-simulate-percpu -Dfork=eager -Drefcount=lock "
                                 "-Duaccess=simulate -Dalloc=percpu correct\n");
  cr_assert_eq(t.nrows, 1);
  cr_expect_str_eq(t.rows[0].kernel, "kernel-eager-lock-simulate-percpu");
  cr_expect_eq(t.rows[0].noptions, 4);
  cr_expect_str_eq(t.rows[0].options[3].mechanism, "alloc");
  cr_expect_str_eq(variants_option(&t.rows[0], "alloc"), "percpu");
  variants_free(&t);
  refused("kernel-eager-lock-simulate -Dfork=eager -Drefcount=lock -Duaccess=simulate "
          "-Dalloc= correct\n",
          "expected a variant name after -Dalloc=, found ''");
  refused("kernel-x -D=percpu correct\n", "expected -D<mechanism>=<sibling>, found '-D=percpu'");
}

Test(matrix_table, bench_marks_a_correct_or_baseline_row_and_not_a_broken_one)
{
  struct variant_table t =
      table("kernel-eager-lock-simulate -Dfork=eager -Drefcount=lock -Duaccess=simulate baseline "
            "bench fail: cow-simple\n"
            "kernel-cow-lock-trap -Dfork=cow -Drefcount=lock -Duaccess=trap correct\n");
  cr_expect(t.rows[0].bench);
  cr_expect_eq(variants_expect(&t.rows[0], "cow-simple"), EXPECT_FAIL);
  cr_expect(!t.rows[1].bench);
  variants_free(&t);
  refused("kernel-cow-none-simulate -Dfork=cow -Drefcount=none -Duaccess=simulate broken bench "
          "fail: all\n",
          "variants:1: a broken kernel is not benchmarked");
}

Test(matrix_table, all_covers_unnamed_checks_and_a_named_check_wins)
{
  struct variant_table t = table("kernel-nofault-lock-simulate -Dfork=nofault -Drefcount=lock "
                                 "-Duaccess=simulate broken fail: all may fail: cow-kill\n");
  cr_expect_eq(variants_expect(&t.rows[0], "usertests-all"), EXPECT_FAIL);
  cr_expect_eq(variants_expect(&t.rows[0], "cow-kill"), EXPECT_MAY_FAIL);
  variants_free(&t);
}

Test(matrix_table, malformed_rows_are_refused_with_file_and_line)
{
  refused("\n\nkernel-cow-lock-trap -Dfork=cow -Drefcount=lock -Duaccess=trap good\n",
          "variants:3: expected the kind 'correct', 'baseline' or 'broken', found 'good'");
  refused("kernel-cow-lock-trap correct\n",
          "variants:1: expected -D<mechanism>=<sibling> options and a kind");
  refused("kernel-cow-lock-trap -Dfork=cow -Drefcount=lock -Duaccess=trap\n",
          "variants:1: expected -D<mechanism>=<sibling> options and a kind");
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

/* Forkbench rows as `forkbench -t` prints them, under its header, for an
 * eager kernel and two copy-on-write ones. Eager cannot fork 64 MiB. */
static const char eager_rows[] = "1\t100\t1000\t500\t3\n"
                                 "48\t4800\t48000\t24000\t12288\n"
                                 "64\t-\t-\t-\t-\n";
static const char lock_rows[] = "1\t10\t100\t1000\t0\n"
                                "48\t300\t3000\t50000\t2\n"
                                "64\t400\t4000\t60000\t2\n";
static const char atomic_rows[] = "1\t20\t200\t900\t0\n"
                                  "48\t1600\t1600\t40000\t2\n"
                                  "64\t200\t3000\t50000\t2\n";
static const char atomic_rows_no_48[] = "1\t20\t200\t900\t0\n"
                                        "48\t-\t-\t-\t-\n"
                                        "64\t200\t3000\t50000\t2\n";

/* One bench run: rows NULL is a run that produced no table. */
static void bench_run(struct matrix_bench_run *b, const char *kernel, const char *rows)
{
  char console[1024];
  memset(b, 0, sizeof *b);
  b->kernel = kernel;
  b->ok = rows != NULL;
  snprintf(b->note, sizeof b->note, "forkbench run ended with timeout (log: %s.log)", kernel);
  snprintf(console, sizeof console, "$ forkbench -t 1 48 64\n%s\n%s$ ", BENCH_HEADER,
           rows ? rows : "");
  if (rows)
    cr_assert_gt(bench_parse(console, &b->table), 0, "%s", console);
}

/* A report with no kernel graded and forkbench on eager, lock and atomic. */
static struct matrix_report bench_report(const struct rubric *r, const char *eager,
                                         const char *lock, const char *atomic)
{
  struct matrix_report m = {.table_path = "variants", .rubric_path = "rubric", .rubric = r};
  bench_run(&m.bench[m.nbench++], "kernel-eager-x", eager);
  bench_run(&m.bench[m.nbench++], "kernel-cow-lock-x", lock);
  bench_run(&m.bench[m.nbench++], "kernel-cow-atomic-x", atomic);
  return m;
}

/* What `writer` prints for `m`, as a string to free. */
static char *written(const struct matrix_report *m,
                     void (*writer)(FILE *, const struct matrix_report *))
{
  char *buf = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&buf, &len);
  cr_assert(f, "open_memstream");
  writer(f, m);
  fclose(f);
  char *out = strdup(buf);
  free(buf);
  return out;
}

/* The header says what was graded: the rubric's own first run, not cowtest
 * (the ucow table's is ufork), and every run on the correct rows in full
 * mode only. */
Test(matrix_report, header_names_the_rubrics_first_run_and_what_full_mode_adds)
{
  static const char ucow_rubric[] = "run ufork\n    $ ucowtest\n"
                                    "check ucow-all 5\n    expect: ^ALL UCOW TESTS PASSED$\n"
                                    "run faults\n    $ faultread\n"
                                    "check faultread 5\n    expect: ^killed$\n";
  struct rubric r;
  cr_assert_eq(rubric_parse(&r, "rubric", ucow_rubric, err, sizeof err), 0, "%s", err);
  struct matrix_report m = {.table_path = "variants", .rubric_path = "rubric", .rubric = &r};
  for (int full = 0; full < 2; full++) {
    m.full = full;
    const char *want =
        full ? "(run ufork on every row, every run on the correct rows)" : "(run ufork only)";
    char *md = written(&m, matrix_write_markdown), *html = written(&m, matrix_write_html);
    cr_expect(strstr(md, want), "full %d: %s", full, md);
    cr_expect(strstr(html, want), "full %d: %s", full, html);
    cr_expect_null(strstr(md, "cowtest"), "%s", md);
    free(md);
    free(html);
  }
  rubric_free(&r);
}

struct ratio_case {
  const char *eager, *other; /* one row each, forkbench -t style */
  int col;
  bool have;
  double ratio;
};

Test(matrix_bench, ratio_divides_eager_by_the_other_kernel_only_where_both_measured)
{
  static const struct ratio_case cases[] = {
      {"8\t100\t1\t1\t1\n", "8\t10\t1\t1\t1\n", BENCH_FORK_WAIT, true, 10.0},
      {"8\t1\t300\t1\t1\n", "8\t1\t400\t1\t1\n", BENCH_FORK_EXEC, true, 0.75},
      {"8\t-\t1\t1\t1\n", "8\t10\t1\t1\t1\n", BENCH_FORK_WAIT, false, 0},
      {"8\t100\t1\t1\t1\n", "8\t-\t1\t1\t1\n", BENCH_FORK_WAIT, false, 0},
      {"8\t100\t1\t1\t1\n", "8\t0\t1\t1\t1\n", BENCH_FORK_WAIT, false, 0},
      {"8\t100\t1\t1\t1\n", "9\t10\t1\t1\t1\n", BENCH_FORK_WAIT, false, 0},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    struct matrix_bench_run a, b;
    bench_run(&a, "e", cases[i].eager);
    bench_run(&b, "c", cases[i].other);
    double ratio = -1;
    bool have = matrix_bench_ratio(&a.table, &b.table, 8, cases[i].col, &ratio);
    cr_expect_eq(have, cases[i].have, "case %zu", i);
    if (cases[i].have)
      cr_expect_float_eq(ratio, cases[i].ratio, 1e-9, "case %zu", i);
  }
}

Test(matrix_bench, markdown_has_a_column_per_kernel_and_a_ratio_per_cow_kernel)
{
  struct rubric r = rubric();
  struct matrix_report m = bench_report(&r, eager_rows, lock_rows, atomic_rows);
  char *md = written(&m, matrix_write_markdown);
  cr_expect(strstr(md, "ratio = eager cycles / that kernel's cycles, measured in this one "
                       "matrix run; '-' = not measured (eager cannot fork a 64 MiB process"),
            "%s", md);
  cr_expect(strstr(md, "### fork+wait (cycles)\n\n"
                       "| MiB | `kernel-eager-x` | `kernel-cow-lock-x` | `kernel-cow-atomic-x` | "
                       "eager / `kernel-cow-lock-x` | eager / `kernel-cow-atomic-x` |\n"
                       "|---|---|---|---|---|---|\n"
                       "| 1 | 100 | 10 | 20 | 10.0x | 5.0x |\n"
                       "| 48 | 4800 | 300 | 1600 | 16.0x | 3.0x |\n"
                       "| 64 | - | 400 | 200 | - | - |\n"),
            "%s", md);
  cr_expect(strstr(md, "### fork+exec (cycles)\n\n"), "%s", md);
  cr_expect(strstr(md, "| 48 | 48000 | 3000 | 1600 | 16.0x | 30.0x |\n"), "%s", md);
  cr_expect(strstr(md, "| 48 | 24000 | 50000 | 40000 | 0.5x | 0.6x |\n"), "fork+touch: %s", md);
  cr_expect(strstr(md, "### pages copied per fork+exec\n\n"
                       "| MiB | `kernel-eager-x` | `kernel-cow-lock-x` | `kernel-cow-atomic-x` |\n"
                       "|---|---|---|---|\n"
                       "| 1 | 3 | 0 | 0 |\n"),
            "no ratio of page counts: %s", md);
  free(md);
  rubric_free(&r);
}

Test(matrix_bench, a_failed_cow_run_is_reported_and_the_other_still_shown)
{
  struct rubric r = rubric();
  struct matrix_report m = bench_report(&r, eager_rows, lock_rows, NULL);
  char *md = written(&m, matrix_write_markdown), *html = written(&m, matrix_write_html);
  cr_expect(strstr(md, "- `kernel-cow-atomic-x`: forkbench run ended with timeout "
                       "(log: kernel-cow-atomic-x.log)\n"),
            "%s", md);
  cr_expect(strstr(md, "| MiB | `kernel-eager-x` | `kernel-cow-lock-x` | "
                       "eager / `kernel-cow-lock-x` |\n"),
            "%s", md);
  cr_expect(strstr(md, "| 48 | 4800 | 300 | 16.0x |\n"), "%s", md);
  cr_expect(strstr(html, "<p class=\"bad\"><code>kernel-cow-atomic-x</code>: forkbench run "
                         "ended with timeout"),
            "%s", html);
  cr_expect(strstr(html, ">kernel-cow-lock-x</text>"), "%s", html);
  cr_expect_not(strstr(html, ">kernel-cow-atomic-x</text>"), "no bars for a run without a table");
  free(md);
  free(html);
  rubric_free(&r);
}

Test(matrix_bench, without_the_eager_table_there_is_nothing_to_compare)
{
  struct rubric r = rubric();
  struct matrix_report m = bench_report(&r, NULL, lock_rows, atomic_rows);
  char *md = written(&m, matrix_write_markdown), *html = written(&m, matrix_write_html);
  cr_expect(strstr(md, "- `kernel-eager-x`: forkbench run ended with timeout"), "%s", md);
  cr_expect_not(strstr(md, "### fork+wait"), "%s", md);
  cr_expect_not(strstr(html, "<svg"), "%s", html);
  free(md);
  free(html);
  rubric_free(&r);
}

/* The fill of the legend entry that names `kernel`: the last fill before
 * the first text that is the name alone (bars are labelled with numbers). */
static bool legend_fill(const char *html, const char *kernel, char *fill, size_t len)
{
  char want[128];
  snprintf(want, sizeof want, ">%s</text>", kernel);
  const char *name = strstr(html, want), *last = NULL;
  for (const char *p = html; name && (p = strstr(p, "fill=\"")) && p < name; p++)
    last = p + strlen("fill=\"");
  if (!last)
    return false;
  snprintf(fill, len, "%.*s", (int)strcspn(last, "\""), last);
  return true;
}

static int count(const char *s, const char *what)
{
  int n = 0;
  for (const char *p = s; (p = strstr(p, what)); p++)
    n++;
  return n;
}

Test(matrix_bench, html_charts_have_a_bar_and_a_legend_entry_per_kernel)
{
  static const char *const kernels[] = {"kernel-eager-x", "kernel-cow-lock-x",
                                        "kernel-cow-atomic-x"};
  struct rubric r = rubric();
  struct matrix_report m = bench_report(&r, eager_rows, lock_rows, atomic_rows);
  char *html = written(&m, matrix_write_html);
  char fill[3][32], attr[128];
  for (int k = 0; k < 3; k++) {
    cr_assert(legend_fill(html, kernels[k], fill[k], sizeof fill[k]), "no legend for %s: %s",
              kernels[k], html);
    snprintf(attr, sizeof attr, "fill=\"%s\"", fill[k]);
    cr_expect_eq(count(html, attr), 3 * 3 + 3,
                 "%s: a bar per size in each of three charts, and its legend entries", kernels[k]);
  }
  cr_expect(strcmp(fill[0], fill[1]) && strcmp(fill[1], fill[2]) && strcmp(fill[0], fill[2]),
            "fills %s %s %s", fill[0], fill[1], fill[2]);
  cr_expect(strstr(html, ">100</text>") && strstr(html, ">10</text>") && strstr(html, ">20</text>"),
            "each kernel's bar is labelled with its value: %s", html);
  cr_expect(strstr(html, "<tr><td>48</td><td>4800</td><td>300</td><td>1600</td>"
                         "<td>16.0x</td><td>3.0x</td></tr>"),
            "%s", html);
  cr_expect(strstr(html, "<th>eager / <code>kernel-cow-atomic-x</code></th>"), "%s", html);
  free(html);
  rubric_free(&r);
}

struct summary_case {
  const char *atomic; /* the atomic kernel's rows; NULL: its run failed */
  const char *eager;
  bool ok;
  const char *lines;
};

Test(matrix_bench, summary_gives_fork_wait_at_the_largest_size_both_measured)
{
  static const struct summary_case cases[] = {
      {atomic_rows, eager_rows, true,
       "matrix: forkbench fork+wait at 48 MiB: eager/kernel-cow-lock-x 16.0x, "
       "eager/kernel-cow-atomic-x 3.0x\n"},
      {atomic_rows_no_48, eager_rows, true,
       "matrix: forkbench fork+wait at 48 MiB: eager/kernel-cow-lock-x 16.0x\n"
       "matrix: forkbench fork+wait at 1 MiB: eager/kernel-cow-atomic-x 5.0x\n"},
      {NULL, eager_rows, false,
       "matrix: forkbench fork+wait at 48 MiB: eager/kernel-cow-lock-x 16.0x\n"
       "matrix: forkbench did not produce every table (see the report)\n"},
      {atomic_rows, NULL, false,
       "matrix: forkbench did not produce every table (see the report)\n"},
      /* forkbench prints the sizes in the order given: the largest, not the last. */
      {atomic_rows, "48\t4800\t1\t1\t1\n1\t100\t1\t1\t1\n", true,
       "matrix: forkbench fork+wait at 48 MiB: eager/kernel-cow-lock-x 16.0x, "
       "eager/kernel-cow-atomic-x 3.0x\n"},
      {atomic_rows, "64\t-\t-\t-\t-\n", true,
       "matrix: forkbench fork+wait: no size that both eager and kernel-cow-lock-x measured\n"
       "matrix: forkbench fork+wait: no size that both eager and kernel-cow-atomic-x measured\n"},
  };
  struct rubric r = rubric();
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    struct matrix_report m = bench_report(&r, cases[i].eager, lock_rows, cases[i].atomic);
    char *out;
    size_t len;
    FILE *f = open_memstream(&out, &len);
    bool ok = matrix_bench_summary(f, &m);
    fclose(f);
    cr_expect_eq(ok, cases[i].ok, "case %zu", i);
    cr_expect_str_eq(out, cases[i].lines, "case %zu", i);
    free(out);
  }
  rubric_free(&r);
}

Test(matrix_bench, no_benchmark_asked_for_writes_no_section_and_is_not_a_failure)
{
  struct rubric r = rubric();
  struct matrix_report m = {.table_path = "variants", .rubric_path = "rubric", .rubric = &r};
  char *md = written(&m, matrix_write_markdown);
  cr_expect_not(strstr(md, "forkbench"), "%s", md);
  cr_expect(matrix_bench_summary(stderr, &m));
  free(md);
  rubric_free(&r);
}

Test(matrix_options, bench_cow_may_be_given_three_times_and_keeps_the_order)
{
  char *argv[] = {"matrix", "--variants",  "v", "--rubric",    "r", "--kernel-dir",
                  "k",      "--fs",        "f", "--bench-cow", "a", "--bench-eager",
                  "e",      "--bench-cow", "b", "--bench-cow", "c"};
  struct matrix_options o = {0};
  matrix_parse_options(sizeof argv / sizeof argv[0], argv, &o);
  cr_expect_str_eq(o.bench_eager, "e");
  cr_assert_eq(o.nbench_cow, 3);
  cr_expect_str_eq(o.bench_cow[0], "a");
  cr_expect_str_eq(o.bench_cow[1], "b");
  cr_expect_str_eq(o.bench_cow[2], "c");
}

/* labs/ucow/variants: one kernel, several images, a row per pair. */
Test(matrix_table, ucow_rows_name_a_kernel_and_an_image)
{
  struct variant_table t =
      table("kernel-eager-lock-simulate fs-ucow-correct.img -Dfork=eager -Drefcount=lock "
            "-Duaccess=simulate -Dufork=correct correct\n"
            "kernel-eager-lock-simulate fs-ucow-sharedstack.img -Dfork=eager -Drefcount=lock "
            "-Duaccess=simulate -Dufork=sharedstack broken fail: all\n"
            "kernel-cow-lock-trap -Dfork=cow -Drefcount=lock -Duaccess=trap correct\n");
  cr_assert_eq(t.nrows, 3);
  cr_expect_str_eq(t.rows[0].kernel, "kernel-eager-lock-simulate");
  cr_expect_str_eq(t.rows[0].image, "fs-ucow-correct.img");
  cr_expect_str_eq(variants_option(&t.rows[1], "ufork"), "sharedstack");
  cr_expect_str_eq(t.rows[1].name, "kernel-eager-lock-simulate/fs-ucow-sharedstack");
  cr_expect_str_eq(t.rows[2].name, "kernel-cow-lock-trap", "a cow row is named by its kernel");
  cr_expect_str_eq(t.rows[2].image, "");
  variants_free(&t);
}

/* Whether an image spells its row's user variant is Meson's check, as the
 * kernel's name is; the matrix still refuses a pair given twice. */
Test(matrix_table, a_kernel_and_image_pair_given_twice_is_refused)
{
  refused("kernel-eager-lock-simulate fs-ucow-correct.img -Dfork=eager -Drefcount=lock "
          "-Duaccess=simulate -Dufork=correct correct\n"
          "kernel-eager-lock-simulate fs-ucow-correct.img -Dfork=eager -Drefcount=lock "
          "-Duaccess=simulate -Dufork=correct correct\n",
          "variants:2: kernel-eager-lock-simulate/fs-ucow-correct already has a row");
}
