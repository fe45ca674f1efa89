/* End-to-end tests of the matrix program against fakeqemu: kernels that are
 * scripts, a small rubric and table, and the reports it writes. They prove a
 * silent kernel fails fast, the alarms fire, and forkbench gets charted. */
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
                           "on forkbench -t => "
                           "size_mib\tfork_wait\tfork_exec\tfork_touch\tcopied_exec\\n"
                           "1\t1000\t5000\t9000\t0\\n64\t2000\t6000\t500000\t3\n";

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
  cr_expect(strstr(md, "boot probe: timeout"), "%s", md);
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

Test(matrix_run, forkbench_tables_become_a_markdown_table_and_an_svg_chart)
{
  double s;
  int rc =
      run_matrix("kernel-good-x-y -Dfork=good -Drefcount=x -Duaccess=y correct\n",
                 "--cowtest-only --bench-eager kernel-good-x-y --bench-cow kernel-good-x-y", &s);
  char *out = slurp("stdout"), *md = slurp("out/report.md"), *html = slurp("out/report.html");
  cr_expect_eq(rc, 0, "%s", out);
  cr_expect(strstr(md, "| 64 | 2000 | 2000 | 1.0x | 6000 | 6000 | 500000 | 500000 | 3 | 3 |"), "%s",
            md);
  cr_expect(strstr(html, "<svg"), "%s", html);
  cr_expect(strstr(html, ">500k</text>"), "bars are labelled: %s", html);
  cr_expect_not(strstr(html, "<script"), "no script in the page");
  free(out);
  free(md);
  free(html);
}
