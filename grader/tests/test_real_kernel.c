/* The panic rule and the idle limit on real kernels (docs/grading.md): a
 * kernel panic, from a kernel broken on purpose, is called at once and its
 * backtrace is shown symbolized; a user
 * program's panic-looking line on a correct kernel is just output; a
 * program that waits forever is a hang at the idle limit. Boots QEMU three
 * times. */
#define _GNU_SOURCE
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

static char dir[] = "/tmp/grader-real-XXXXXX";

static void make_dir(void)
{
  cr_assert_not_null(mkdtemp(dir));
}

static void remove_dir(void)
{
  char cmd[300];
  snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
  cr_assert_eq(system(cmd), 0);
}

TestSuite(real, .init = make_dir, .fini = remove_dir, .timeout = 240);

/* grade's report for `rubric` on `kernel`, into out. */
static void grade(const char *kernel, const char *rubric, char *out, size_t len)
{
  char path[300], cmd[2000];
  snprintf(path, sizeof path, "%s/rubric", dir);
  FILE *f = fopen(path, "w");
  cr_assert_not_null(f);
  fputs(rubric, f);
  fclose(f);
  snprintf(cmd, sizeof cmd, "%s --qemu %s --kernel %s --fs %s --rubric %s --log-dir %s/logs 2>&1",
           GRADE, QEMU, kernel, FS_IMG, path, dir);
  FILE *p = popen(cmd, "r");
  cr_assert_not_null(p);
  size_t n = fread(out, 1, len - 1, p);
  out[n] = '\0';
  pclose(p);
}

/* The run line `run_line` ("run p: kernel panic in ") says the verdict came
 * some milliseconds after `what`: print them and assert under a second. */
static void assert_prompt_verdict(const char *out, const char *run_line, const char *what)
{
  const char *at = strstr(out, run_line);
  cr_assert_not_null(at, "%s", out);
  at = strstr(at, "verdict ");
  char format[128];
  snprintf(format, sizeof format, "verdict %%lf ms after the %s", what);
  double ms = -1;
  cr_assert(at && sscanf(at, format, &ms) == 1, "%s", out);
  fprintf(stderr, "%s verdict latency (real kernel): %.1f ms\n", what, ms);
  cr_assert_lt(ms, 1000, "%s", out);
}

Test(real, a_kernel_panic_is_called_within_a_second_of_its_line)
{
  char out[8192];
  grade(PANIC_KERNEL, "run p timeout 120\n  $ echo hi\n  $ echo never\ncheck c 1\n  expect: x\n",
        out, sizeof out);
  assert_prompt_verdict(out, "run p: kernel panic in ", "panic line");
  cr_assert(strstr(out, "  panic: init exiting\n"), "%s", out);
  cr_assert(strstr(out, "QEMU exited with its panic status, 113"), "%s", out);
  /* The panic's backtrace, symbolized from the kernel's ELF: init's exit
   * panics in proc_exit, called from usertrap when the fault killed it. */
  cr_assert(strstr(out, "symbolized from " PANIC_KERNEL ":\n"), "%s", out);
  cr_assert(strstr(out, " proc_exit (kernel/proc/proc.c:"), "%s", out);
  cr_assert(strstr(out, " usertrap (kernel/arch/trap.c:"), "%s", out);
}

Test(real, a_user_programs_panic_line_is_output_and_its_status_is_refused)
{
  char out[8192];
  grade(GOOD_KERNEL,
        "run u timeout 120\n  $ fakepanic\n  $ poweroff 113\n  $ poweroff 369\n"
        "  $ echo still here\n"
        "check c 1\n  expect exactly 1: ^panic: not really$\n"
        "  expect exactly 2: ^poweroff: failed$\n  expect: ^still here$\n",
        out, sizeof out);
  cr_assert(strstr(out, "run u: completed in "), "%s", out);
  cr_assert(strstr(out, "score: 1/1"), "%s", out);
}

/* 15 s, not less: a loaded machine's boot alone has been silent for 4 s. */
Test(real, a_silent_program_is_a_hang_within_a_second_of_the_idle_limit)
{
  char out[8192];
  grade(GOOD_KERNEL, "run h timeout 120 idle 15\n  $ echo go\n  $ cat\ncheck c 1\n  expect: go\n",
        out, sizeof out);
  assert_prompt_verdict(out, "run h: hang: no output in ", "idle limit");
  cr_assert(strstr(out, "hang: no output for 15.0 s; command 2 of 2 was typed and had not "
                        "finished: $ cat\n"),
            "%s", out);
}
