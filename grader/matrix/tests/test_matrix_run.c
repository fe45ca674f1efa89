/* End-to-end tests of the matrix program against fakeqemu: kernels that are
 * scripts, a small rubric and table, and the reports it writes. They prove a
 * silent kernel fails fast, the alarms fire, forkbench compares the eager
 * kernel with each copy-on-write one, and misused bench options are refused. */
#define _GNU_SOURCE
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static char dir[] = "/tmp/matrix-test-XXXXXX";

static const char rubric[] = "run cowtest timeout 60\n    $ cowtest\n"
                             "check cow-simple 1\n    expect: ^simple: ok$\n"
                             "check cow-all 1\n    expect: ^ALL COW TESTS PASSED$\n"
                             "run usertests timeout 60\n    $ usertests -q\n"
                             "check usertests-all 1\n    expect: ^ALL TESTS PASSED$\n";

/* fakeqemu turns a literal backslash-n into a newline; tabs pass as they are. */
static const char good[] = "on cowtest => simple: ok\\nALL COW TESTS PASSED\n"
                           "on usertests -q => ALL TESTS PASSED\n"
                           "on forkbench -t 1 4 16 64 => "
                           "size_mib\tfork_wait\tfork_exec\tfork_touch\tcopied_exec\\n"
                           "1\t1000\t5000\t9000\t0\\n48\t2000\t6000\t500000\t3\\n"
                           "64\t-\t-\t-\t-\n";
/* Copy-on-write kernels for forkbench: faster forks, and a 64 MiB one. */
static const char cow_lock[] = "on forkbench -t 1 4 16 64 => "
                               "size_mib\tfork_wait\tfork_exec\tfork_touch\tcopied_exec\\n"
                               "1\t100\t500\t9000\t0\\n48\t125\t600\t600000\t0\\n"
                               "64\t130\t700\t800000\t0\n";
static const char cow_atomic[] = "on forkbench -t 1 4 16 64 => "
                                 "size_mib\tfork_wait\tfork_exec\tfork_touch\tcopied_exec\\n"
                                 "1\t50\t500\t9000\t0\\n48\t40\t600\t600000\t0\\n"
                                 "64\t45\t700\t800000\t0\n";

static void put(const char *name, const char *text)
{
  char path[256];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "w");
  cr_assert(f, "cannot write %s", path);
  fputs(text, f);
  fclose(f);
}

static char *slurp(const char *name)
{
  char path[256], *text = NULL;
  size_t len = 0;
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *in = fopen(path, "r"), *out = open_memstream(&text, &len);
  cr_assert(in, "no %s", path);
  for (int c; (c = fgetc(in)) != EOF;)
    fputc(c, out);
  fclose(in);
  fclose(out);
  return text;
}

static void setup(void)
{
  cr_assert(mkdtemp(dir), "mkdtemp");
  put("rubric", rubric);
  put("fs.img", "image\n");
  put("kernel-good-x-y", good);
  put("kernel-sneaky-x-y", good);
  put("kernel-silent-x-y", "silent\n");
  put("kernel-lock-x-y", cow_lock);
  put("kernel-atomic-x-y", cow_atomic);
  put("kernel-nobench-x-y", "boot no forkbench in this image\n");
}

static void teardown(void)
{
  char cmd[300];
  snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
  cr_expect_eq(system(cmd), 0);
}

/* Run matrix on `table` with extra arguments; returns its exit status. */
static int run_matrix(const char *table, const char *extra, double *seconds)
{
  char cmd[2048];
  put("variants", table);
  snprintf(cmd, sizeof cmd,
           "%s --qemu %s --variants %s/variants --rubric %s/rubric --kernel-dir %s "
           "--fs %s/fs.img --out %s/out --boot-timeout 2 %s > %s/stdout 2>&1",
           MATRIX, FAKEQEMU, dir, dir, dir, dir, dir, extra, dir);
  struct timespec a, b;
  clock_gettime(CLOCK_MONOTONIC, &a);
  int status = system(cmd);
  clock_gettime(CLOCK_MONOTONIC, &b);
  *seconds = (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9;
  cr_assert(WIFEXITED(status), "matrix died");
  return WEXITSTATUS(status);
}

TestSuite(matrix_run, .init = setup, .fini = teardown, .timeout = 60);

Test(matrix_run, a_silent_kernel_fails_within_the_boot_timeout_and_matches_fail_all)
{
  double s;
  int rc = run_matrix("kernel-good-x-y -Dfork=good -Drefcount=x -Duaccess=y correct\n"
                      "kernel-silent-x-y -Dfork=silent -Drefcount=x -Duaccess=y broken "
                      "fail: all\n",
                      "", &s);
  char *out = slurp("stdout"), *md = slurp("out/report.md");
  cr_expect_eq(rc, 0, "%s", out);
  cr_expect_lt(s, 20, "the silent kernel took %.1fs, not the 60s run timeout", s);
  cr_expect(strstr(md, "cowtest: timeout in 2."), "stopped by --boot-timeout 2: %s", md);
  cr_expect(strstr(md, "| `kernel-good-x-y` | correct | P: pass | P: pass | 1/1 pass | MATCH |"),
            "usertests graded on the correct kernel: %s", md);
  cr_expect_not(strstr(md, "GRADER"), "no alarm when everything matches: %s", md);
  free(out);
  free(md);
}

Test(matrix_run, a_broken_kernel_that_passes_and_a_missing_one_are_mismatches)
{
  double s;
  int rc = run_matrix("kernel-sneaky-x-y -Dfork=sneaky -Drefcount=x -Duaccess=y broken "
                      "fail: cow-simple\n"
                      "kernel-absent-x-y -Dfork=absent -Drefcount=x -Duaccess=y correct\n",
                      "--cowtest-only", &s);
  char *out = slurp("stdout"), *md = slurp("out/report.md"), *html = slurp("out/report.html");
  cr_expect_eq(rc, 1, "%s", out);
  cr_expect(strstr(md, "GRADER MISSED A BROKEN VARIANT"), "%s", md);
  cr_expect(strstr(md, "- `kernel-sneaky-x-y` passed cow-simple"), "%s", md);
  cr_expect(strstr(md, "GRADER FAILED A CORRECT VARIANT"), "a missing correct kernel: %s", md);
  cr_expect(strstr(md, "MISMATCH (not built)"), "%s", md);
  cr_expect(strstr(html, "GRADER MISSED A BROKEN VARIANT"), "%s", html);
  cr_expect(strstr(out, "matrix: 0 of 2 kernels match the table"), "%s", out);
  free(out);
  free(md);
  free(html);
}

static const char one_good_row[] = "kernel-good-x-y -Dfork=good -Drefcount=x -Duaccess=y correct\n";

Test(matrix_run, forkbench_compares_eager_with_each_cow_kernel_in_tables_and_charts)
{
  double s;
  int rc = run_matrix(one_good_row,
                      "--cowtest-only --bench-eager kernel-good-x-y --bench-cow kernel-lock-x-y "
                      "--bench-cow kernel-atomic-x-y",
                      &s);
  char *out = slurp("stdout"), *md = slurp("out/report.md"), *html = slurp("out/report.html");
  cr_expect_eq(rc, 0, "%s", out);
  cr_expect(strstr(md, "| MiB | `kernel-good-x-y` | `kernel-lock-x-y` | `kernel-atomic-x-y` | "
                       "eager / `kernel-lock-x-y` | eager / `kernel-atomic-x-y` |\n"),
            "%s", md);
  cr_expect(strstr(md, "| 48 | 2000 | 125 | 40 | 16.0x | 50.0x |\n"), "%s", md);
  cr_expect(strstr(md, "| 64 | - | 130 | 45 | - | - |\n"), "%s", md);
  cr_expect(strstr(out, "matrix: forkbench fork+wait at 48 MiB: eager/kernel-lock-x-y 16.0x, "
                        "eager/kernel-atomic-x-y 50.0x\n"),
            "%s", out);
  cr_expect(strstr(html, "<svg"), "%s", html);
  cr_expect(strstr(html, ">500k</text>"), "bars are labelled: %s", html);
  cr_expect(strstr(html, ">kernel-atomic-x-y</text>"), "the legend names the kernels: %s", html);
  cr_expect_not(strstr(html, "<script"), "no script in the page");
  free(out);
  free(md);
  free(html);
}

Test(matrix_run, a_cow_kernel_without_a_table_is_reported_and_fails_the_run)
{
  double s;
  int rc = run_matrix(one_good_row,
                      "--cowtest-only --bench-eager kernel-good-x-y --bench-cow kernel-nobench-x-y "
                      "--bench-cow kernel-lock-x-y",
                      &s);
  char *out = slurp("stdout"), *md = slurp("out/report.md");
  cr_expect_eq(rc, 1, "a bench run without its table fails the matrix: %s", out);
  cr_expect(strstr(md, "- `kernel-nobench-x-y`: no `forkbench -t` table in the output"), "%s", md);
  cr_expect(strstr(md, "| 48 | 2000 | 125 | 16.0x |\n"), "the other is still shown: %s", md);
  cr_expect(strstr(out, "matrix: forkbench fork+wait at 48 MiB: eager/kernel-lock-x-y 16.0x\n"),
            "%s", out);
  cr_expect(strstr(out, "matrix: forkbench did not produce every table"), "%s", out);
  free(out);
  free(md);
}

struct usage_case {
  const char *args, *message;
};

Test(matrix_run, bench_kernel_misuse_is_a_usage_error)
{
  static const struct usage_case cases[] = {
      {"--bench-eager e --bench-cow a --bench-cow b --bench-cow c --bench-cow d",
       "matrix: --bench-cow is given more than 3 times; the report compares at most 3 "
       "copy-on-write kernels with the eager one\n"},
      {"--bench-cow a", "matrix: --bench-eager and --bench-cow go together\n"},
      {"--bench-eager e", "matrix: --bench-eager and --bench-cow go together\n"},
      {"--bench-eager e --bench-eager f --bench-cow a",
       "matrix: --bench-eager is given twice ('e' and 'f'); there is one eager baseline\n"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    double s;
    int rc = run_matrix(one_good_row, cases[i].args, &s);
    char *out = slurp("stdout");
    cr_expect_eq(rc, 2, "%s: %s", cases[i].args, out);
    cr_expect_str_eq(out, cases[i].message, "%s", cases[i].args);
    free(out);
  }
}
