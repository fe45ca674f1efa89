/* End-to-end tests of the real driver against fakeqemu: each run verdict, the
 * private image copy, parallel runs, and that no process of a run survives
 * grading, even when the grader itself is stopped by a signal. */
#define _GNU_SOURCE
#include <criterion/criterion.h>
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "grader/driver.h"
#include "grader/tag.h"

static char dir[] = "/tmp/grader-e2e-XXXXXX";
static char path_kernel[256], path_image[256], path_pid[256], path_logs[256];
static char err[512];

static void make_dir(void)
{
  cr_assert_not_null(mkdtemp(dir));
  snprintf(path_kernel, sizeof path_kernel, "%s/kernel", dir);
  snprintf(path_image, sizeof path_image, "%s/fs.img", dir);
  snprintf(path_pid, sizeof path_pid, "%s/qemu.pid", dir);
  snprintf(path_logs, sizeof path_logs, "%s/logs", dir);
  FILE *f = fopen(path_image, "w");
  fputs("pristine image\n", f);
  fclose(f);
}

static void remove_dir(void)
{
  char cmd[300];
  snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
  cr_assert_eq(system(cmd), 0);
}

TestSuite(driver, .init = make_dir, .fini = remove_dir, .timeout = 60);

/* The "kernel" is fakeqemu's script behind a RISC-V ELF header, which the
 * grade program wants to see; every script records QEMU's pid. */
static void write_script(const char *script)
{
  FILE *f = fopen(path_kernel, "w");
  Elf64_Ehdr h = {.e_type = ET_EXEC, .e_machine = EM_RISCV, .e_version = EV_CURRENT};
  memcpy(h.e_ident, ELFMAG, SELFMAG);
  h.e_ident[EI_CLASS] = ELFCLASS64;
  h.e_ident[EI_DATA] = ELFDATA2LSB;
  h.e_ident[EI_VERSION] = EV_CURRENT;
  cr_assert_eq(sizeof h, 64, "fakeqemu skips 64 bytes of header");
  fwrite(&h, sizeof h, 1, f);
  fprintf(f, "\npidfile %s\n%s", path_pid, script);
  fclose(f);
}

static pid_t recorded_pid(void)
{
  int pid = 0;
  FILE *f = fopen(path_pid, "r");
  cr_assert_not_null(f, "fakeqemu never started");
  cr_assert_eq(fscanf(f, "%d", &pid), 1);
  fclose(f);
  return pid;
}

static void assert_group_gone(pid_t pgid)
{
  cr_assert_eq(kill(-pgid, 0), -1, "process group %d is still alive", (int)pgid);
  cr_assert_eq(errno, ESRCH);
}

static double seconds(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Grade `rubric_text` against the current script; results for run 0. */
static struct run_result grade(struct rubric *r, const char *rubric_text, int jobs,
                               struct run_result *all)
{
  cr_assert_eq(rubric_parse(r, "t", rubric_text, err, sizeof err), 0, "%s", err);
  struct driver_config cfg = {.qemu = {.qemu = FAKEQEMU,
                                       .kernel = path_kernel,
                                       .fs_image = path_image,
                                       .memory = "128M",
                                       .cpus = 3},
                              .log_dir = path_logs,
                              .timeout_scale = 1,
                              .jobs = jobs};
  bool wanted[8] = {true, true, true, true, true, true, true, true};
  cr_assert_eq(driver_run(&cfg, r, wanted, all), 0);
  return all[0];
}

/* One run of a rubric on a script, held together so that a test frees it
 * with one call. */
struct graded {
  struct rubric r;
  struct run_result all[1];
};

static struct run_result grade_script(struct graded *g, const char *script, const char *rubric)
{
  write_script(script);
  return grade(&g->r, rubric, 1, g->all);
}

static void graded_free(struct graded *g)
{
  driver_free_results(g->all, g->r.nruns);
  rubric_free(&g->r);
}

Test(driver, clean_run_types_each_command_at_the_prompt_and_powers_off)
{
  write_script("boot fake kernel\nchild\non echo hi | wc =>       1 1 3\non ls => README\n");
  struct rubric r;
  struct run_result all[1];
  struct run_result res = grade(&r,
                                "run shell timeout 20\n  $ echo hi | wc\n  $ ls\n"
                                "check c 1\n  expect: x\n",
                                1, all);
  cr_assert_eq(res.verdict, RUN_PASSED, "%s", res.detail ? res.detail : "");
  cr_assert_eq(res.exit_status, 0);
  cr_assert_str_eq(res.output,
                   "fake kernel\n$ echo hi | wc\n      1 1 3\n$ ls\nREADME\n$ poweroff\n");
  assert_group_gone(recorded_pid());
  char image[64] = "";
  FILE *f = fopen(path_image, "r");
  cr_assert_not_null(fgets(image, sizeof image, f));
  fclose(f);
  cr_assert_str_eq(image, "pristine image\n", "QEMU wrote to a copy, not to the image given");
  char copy[300];
  snprintf(copy, sizeof copy, "%s/shell.img", path_logs);
  cr_assert_eq(access(copy, F_OK), -1, "the copy is removed after the run");
  cr_assert_eq(access(res.log_path, R_OK), 0, "the console log is kept");
  driver_free_results(all, r.nruns);
  rubric_free(&r);
}

/* fakeqemu's "stamp FILE": when it did the act a test times the grader from. */
static double stamped_time(void)
{
  char path[300];
  double t = 0;
  snprintf(path, sizeof path, "%s/stamp", dir);
  FILE *f = fopen(path, "r");
  cr_assert_not_null(f, "fakeqemu wrote no stamp");
  cr_assert_eq(fscanf(f, "%lf", &t), 1);
  fclose(f);
  return t;
}

static void write_stamped_script(const char *script)
{
  char text[2048];
  snprintf(text, sizeof text, "stamp %s/stamp\n%s", dir, script);
  write_script(text);
}

/* The panic verdict is as immediate as before: the kernel's panic line is
 * followed at once by QEMU's exit with the panic status, and the verdict
 * comes within a second of the line (the bound; it takes a few
 * milliseconds, so even a loaded machine keeps well within it). */
Test(driver, kernel_panic_is_its_own_verdict_with_the_lines_before_it)
{
  write_stamped_script("boot fake kernel\npanic crash => usertrap: bad scause\n");
  struct rubric r;
  struct run_result all[1];
  struct run_result res = grade(&r,
                                "run p timeout 20\n  $ echo one\n  $ crash\n  $ never\n"
                                "check c 1\n  expect: x\n",
                                1, all);
  double latency = seconds() - stamped_time();
  fprintf(stderr, "panic verdict latency (fake QEMU): %.1f ms\n", latency * 1000);
  cr_assert_lt(latency, 1.0, "the verdict came %.2fs after the panic line", latency);
  cr_assert_eq(res.verdict, RUN_PANIC);
  cr_assert(strstr(res.detail, "  $ crash\n  panic: usertrap: bad scause\n"), "%s", res.detail);
  cr_assert(strstr(res.detail, "exec echo one failed"), "earlier lines are shown: %s", res.detail);
  cr_assert_null(strstr(res.output, "never"), "nothing is typed after a panic");
  assert_group_gone(recorded_pid());
  driver_free_results(all, r.nruns);
  rubric_free(&r);
}

/* Other harts may print after the panic line until QEMU stops; the verdict
 * is still a panic, and the report quotes up to the panic line. */
Test(driver, panic_while_other_harts_print_is_still_a_panic)
{
  struct graded g;
  struct run_result res =
      grade_script(&g, "boot fake kernel\nnoisypanic crash => kerneltrap\n",
                   "run p timeout 20\n  $ crash\n  $ never\ncheck c 1\n  expect: x\n");
  cr_assert_eq(res.verdict, RUN_PANIC, "%s", res.detail);
  cr_assert(strstr(res.output, "panic: kerneltrap\nhart 2: still printing\n"), "%s", res.output);
  cr_assert(strstr(res.detail, "  panic: kerneltrap\n(more lines followed"), "%s", res.detail);
  graded_free(&g);
}

/* A user program's "panic: " line does not end the machine, so it is just
 * output: the run goes on to its next command and completes. */
Test(driver, a_panic_line_without_the_panic_exit_is_just_output)
{
  struct graded g;
  struct run_result res =
      grade_script(&g, "on fakepanic => panic: not really\non echo after => after\n",
                   "run u timeout 20\n  $ fakepanic\n  $ echo after\n"
                   "check c 1\n  expect: ^after$\n");
  cr_assert_eq(res.verdict, RUN_PASSED, "%s", res.detail ? res.detail : "");
  cr_assert(strstr(res.output, "panic: not really\n$ echo after\nafter\n"), "%s", res.output);
  graded_free(&g);
}

/* A kernel whose panic spins instead of ending the machine is a hang, and
 * the report says why its panic line was not taken as a panic. */
Test(driver, a_panic_that_spins_is_a_hang_that_names_its_line)
{
  struct graded g;
  struct run_result res =
      grade_script(&g, "spinpanic crash => stuck\n",
                   "run p timeout 20 idle 1\n  $ crash\ncheck c 1\n  expect: x\n");
  cr_assert_eq(res.verdict, RUN_IDLE, "%s", res.detail);
  cr_assert(strstr(res.detail, "a line 'panic: stuck' was printed, but QEMU did not exit with"),
            "%s", res.detail);
  graded_free(&g);
}

/* A run that falls silent is a hang as soon as its idle limit passes, long
 * before its timeout; the verdict follows the limit within a second. */
Test(driver, silence_past_the_idle_limit_is_a_hang_reported_at_once)
{
  write_stamped_script("child\non echo first => first\nhang spin\n");
  struct rubric r;
  struct run_result all[1];
  double t0 = seconds();
  struct run_result res = grade(&r,
                                "run h timeout 30 idle 1\n  $ echo first\n  $ spin\n  $ ls\n"
                                "check c 1\n  expect: x\n",
                                1, all);
  double now = seconds(), latency = now - (stamped_time() + 1);
  fprintf(stderr, "idle-hang verdict latency after the limit (fake QEMU): %.1f ms\n",
          latency * 1000);
  cr_assert_lt(now - t0, 5, "a hang is called at the idle limit, not at the 30s timeout");
  cr_assert_lt(latency, 1.0, "the verdict came %.2fs after the idle limit", latency);
  cr_assert_eq(res.verdict, RUN_IDLE);
  cr_assert(strstr(res.detail, "hang: no output for 1.0 s; command 2 of 3 was typed and had not "
                               "finished: $ spin\n"),
            "%s", res.detail);
  cr_assert(strstr(res.detail, "last lines:\n"), "%s", res.detail);
  cr_assert(strstr(res.detail, "  first\n"), "%s", res.detail);
  cr_assert(res.silence >= 1, "the silence is recorded: %.2f", res.silence);
  assert_group_gone(recorded_pid());
  driver_free_results(all, r.nruns);
  rubric_free(&r);
}

/* Output resets the idle clock: a run that prints every third of a second
 * for over two seconds is not a hang under a 1.2 s idle limit. */
Test(driver, output_keeps_a_long_run_from_being_idle)
{
  struct graded g;
  struct run_result res =
      grade_script(&g, "drip work => tick\n",
                   "run d timeout 20 idle 1.2\n  $ work\ncheck c 1\n  expect: tick\n");
  cr_assert_eq(res.verdict, RUN_PASSED, "%s", res.detail ? res.detail : "");
  cr_assert(res.silence > 0.25 && res.silence < 1.2, "longest silence %.2f", res.silence);
  graded_free(&g);
}

Test(driver, timeout_scale_stretches_the_idle_limit_too)
{
  write_script("hang spin\n");
  struct rubric r;
  cr_assert_eq(
      rubric_parse(&r, "t", "run h idle 0.3\n  $ spin\ncheck c 1\n  expect: x\n", err, sizeof err),
      0, "%s", err);
  struct driver_config cfg = {.qemu = {.qemu = FAKEQEMU,
                                       .kernel = path_kernel,
                                       .fs_image = path_image,
                                       .memory = "128M",
                                       .cpus = 3},
                              .log_dir = path_logs,
                              .timeout_scale = 3,
                              .jobs = 1};
  bool wanted[] = {true};
  struct run_result all[1];
  cr_assert_eq(driver_run(&cfg, &r, wanted, all), 0);
  cr_assert_eq(all[0].verdict, RUN_IDLE);
  cr_assert(all[0].elapsed >= 0.9, "idle 0.3 times 3 took only %.2fs", all[0].elapsed);
  cr_assert(strstr(all[0].detail, "no output for 0.9 s"), "%s", all[0].detail);
  driver_free_results(all, r.nruns);
  rubric_free(&r);
}

Test(driver, hang_times_out_and_says_how_far_the_run_got)
{
  write_script("child\nhang spin\n");
  struct rubric r;
  struct run_result all[1];
  double t0 = seconds();
  struct run_result res = grade(&r,
                                "run h timeout 0.5\n  $ echo first\n  $ spin\n  $ ls\n"
                                "check c 1\n  expect: x\n",
                                1, all);
  double took = seconds() - t0;
  cr_assert(took >= 0.5 && took < 3, "took %.2fs for a 0.5s timeout", took);
  cr_assert_eq(res.verdict, RUN_TIMEOUT);
  cr_assert(strstr(res.detail, "command 2 of 3 was typed and had not finished: $ spin"), "%s",
            res.detail);
  cr_assert(strstr(res.detail, "last lines:\n"), "%s", res.detail);
  assert_group_gone(recorded_pid());
  driver_free_results(all, r.nruns);
  rubric_free(&r);
}

Test(driver, silent_kernel_times_out_while_still_booting)
{
  write_script("silent\n");
  struct rubric r;
  struct run_result all[1];
  struct run_result res = grade(&r, "run s timeout 0.3\n  $ ls\ncheck c 1\n  expect: x\n", 1, all);
  cr_assert_eq(res.verdict, RUN_TIMEOUT);
  cr_assert(strstr(res.detail, "still booting: no `$ ` prompt yet"), "%s", res.detail);
  cr_assert(strstr(res.detail, "(no output at all)"), "%s", res.detail);
  assert_group_gone(recorded_pid());
  driver_free_results(all, r.nruns);
  rubric_free(&r);
}

Test(driver, qemu_that_fails_to_start_shows_its_stderr)
{
  write_script("stderr qemu-system-riscv64: -kernel: could not load kernel\nexit 1\n");
  struct rubric r;
  struct run_result all[1];
  struct run_result res = grade(&r, "run s\n  $ ls\ncheck c 1\n  expect: x\n", 1, all);
  cr_assert_eq(res.verdict, RUN_START_FAILED);
  cr_assert(strstr(res.detail, "exited with status 1 before printing anything"), "%s", res.detail);
  cr_assert(strstr(res.detail, "  qemu-system-riscv64: -kernel: could not load kernel\n"), "%s",
            res.detail);
  driver_free_results(all, r.nruns);
  rubric_free(&r);
}

Test(driver, missing_qemu_binary_is_a_start_failure)
{
  struct rubric r;
  cr_assert_eq(rubric_parse(&r, "t", "run s\ncheck c 1\n  expect: x\n", err, sizeof err), 0);
  struct driver_config cfg = {.qemu = {.qemu = "/nonexistent/qemu",
                                       .kernel = path_kernel,
                                       .fs_image = path_image,
                                       .memory = "128M",
                                       .cpus = 1},
                              .log_dir = path_logs,
                              .timeout_scale = 1,
                              .jobs = 1};
  bool wanted[] = {true};
  struct run_result all[1];
  cr_assert_eq(driver_run(&cfg, &r, wanted, all), 0);
  cr_assert_eq(all[0].verdict, RUN_START_FAILED);
  cr_assert(strstr(all[0].detail, "cannot run /nonexistent/qemu: No such file"), "%s",
            all[0].detail);
  driver_free_results(all, r.nruns);
  rubric_free(&r);
}

Test(driver, machine_powered_off_early_is_reported_with_its_status)
{
  write_script("boot fake kernel\n");
  struct rubric r;
  struct run_result all[1];
  struct run_result res =
      grade(&r, "run e\n  $ poweroff 3\n  $ ls\ncheck c 1\n  expect: x\n", 1, all);
  cr_assert_eq(res.verdict, RUN_EXITED);
  cr_assert_eq(res.exit_status, 3);
  cr_assert(strstr(res.detail, "QEMU exited with status 3"), "%s", res.detail);
  driver_free_results(all, r.nruns);
  rubric_free(&r);
}

Test(driver, jobs_run_independent_runs_side_by_side)
{
  write_script("slow work => done\n");
  const char *text = "run a\n  $ work\ncheck ca 1\n  expect: ^done$\n"
                     "run b\n  $ work\ncheck cb 1\n  expect: ^done$\n";
  struct rubric r;
  struct run_result all[2];
  double t0 = seconds();
  grade(&r, text, 1, all);
  double serial = seconds() - t0;
  cr_assert_eq(all[0].verdict, RUN_PASSED);
  cr_assert_eq(all[1].verdict, RUN_PASSED);
  driver_free_results(all, r.nruns);
  rubric_free(&r);
  t0 = seconds();
  grade(&r, text, 2, all);
  double parallel = seconds() - t0;
  cr_assert_eq(all[0].verdict, RUN_PASSED);
  cr_assert_eq(all[1].verdict, RUN_PASSED);
  cr_assert_geq(serial, 1.0, "two half-second runs one after the other: %.2fs", serial);
  cr_assert_lt(parallel, serial - 0.3, "--jobs 2 took %.2fs, --jobs 1 %.2fs", parallel, serial);
  driver_free_results(all, r.nruns);
  rubric_free(&r);
}

/* Rubric text in a file of the test directory, for the grade program; its
 * path goes to `path`. */
static void write_rubric_file(const char *text, char *path, size_t len)
{
  snprintf(path, len, "%s/rubric", dir);
  FILE *f = fopen(path, "w");
  cr_assert_not_null(f);
  fputs(text, f);
  fclose(f);
}

/* The grader itself, stopped by SIGTERM mid-run, must take QEMU with it. */
static void grader_stopped_by(int sig)
{
  write_script("child\nhang spin\n");
  char rubric[300];
  write_rubric_file("run h timeout 60\n  $ spin\ncheck c 1\n  expect: x\n", rubric, sizeof rubric);
  pid_t g = fork();
  if (g == 0) {
    int null = open("/dev/null", O_WRONLY);
    dup2(null, 1), dup2(null, 2);
    execl(GRADE, GRADE, "--qemu", FAKEQEMU, "--kernel", path_kernel, "--fs", path_image, "--rubric",
          rubric, "--log-dir", path_logs, (char *)NULL);
    _exit(127);
  }
  double deadline = seconds() + 10;
  while (access(path_pid, R_OK) != 0 && seconds() < deadline)
    usleep(10 * 1000);
  usleep(100 * 1000); /* let the pid file's contents land */
  pid_t q = recorded_pid();
  cr_assert_eq(kill(-q, 0), 0, "fakeqemu should be running now");
  kill(g, sig);
  int status;
  cr_assert_eq(waitpid(g, &status, 0), g);
  cr_assert(WIFSIGNALED(status) && WTERMSIG(status) == sig, "grade died of its signal: %#x",
            status);
  assert_group_gone(q);
}

Test(driver, sigterm_to_the_grader_leaves_no_qemu_running)
{
  grader_stopped_by(SIGTERM);
}

Test(driver, sigint_to_the_grader_leaves_no_qemu_running)
{
  grader_stopped_by(SIGINT);
}

/* Exit status of the grade program on `rubric_text`, its TAP stream (if
 * asked for) in `out`. */
static int run_grade_program(const char *rubric_text, bool tap, char *out, size_t len)
{
  char rubric[300], cmd[1500];
  write_rubric_file(rubric_text, rubric, sizeof rubric);
  snprintf(cmd, sizeof cmd,
           "%s --qemu %s --kernel %s --fs %s --rubric %s --log-dir %s %s 2>/dev/null", GRADE,
           FAKEQEMU, path_kernel, path_image, rubric, path_logs, tap ? "--tap" : "-q");
  FILE *p = popen(cmd, "r");
  cr_assert_not_null(p);
  size_t n = fread(out, 1, len - 1, p);
  out[n] = '\0';
  int status = pclose(p);
  cr_assert(WIFEXITED(status), "grade did not exit: %#x", status);
  return WEXITSTATUS(status);
}

Test(driver, failed_check_exits_1_but_0_with_tap_where_the_stream_says_not_ok)
{
  static const char text[] = "run shell timeout 20\n  $ ls\n"
                             "check found 1\n  expect: README\n"
                             "check missing 1\n  expect: no such line\n";
  write_script("boot fake kernel\nchild\non ls => README\n");
  char out[4096];
  cr_assert_eq(run_grade_program(text, false, out, sizeof out), 1, "%s", out);
  cr_assert_eq(run_grade_program(text, true, out, sizeof out), 0, "%s", out);
  cr_assert(strstr(out, "\nok 1 - found"), "%s", out);
  cr_assert(strstr(out, "\nnot ok 2 - missing"), "%s", out);
}

/* An image with the /gradekey placeholder in its second block, as mkfs
 * --gradekey writes one. */
static void write_keyed_image(void)
{
  unsigned char image[3 * 1024] = {0};
  memcpy(image + 1024, GRADEKEY_MARKER, GRADEKEY_MARKER_LEN);
  FILE *f = fopen(path_image, "w");
  fwrite(image, sizeof image, 1, f);
  fclose(f);
}

static const char tag_rubric[] = "run cowtest timeout 20\n  $ cowtest\n"
                                 "check cow-simple 10\n  expect tagged exactly 2: ^simple: ok$\n"
                                 "check cow-all 10\n  expect tagged: ^ALL COW TESTS PASSED$\n"
                                 "  reject: FAILED\n";

static struct score_total grade_tagged(const char *script, struct check_result *res,
                                       struct run_result *all)
{
  struct rubric r;
  write_keyed_image();
  write_script(script);
  grade(&r, tag_rubric, 1, all);
  cr_assert_eq(all[0].verdict, RUN_PASSED, "%s", all[0].detail ? all[0].detail : "");
  cr_assert(all[0].keyed, "the run's image copy got a key");
  bool graded[] = {true, true};
  score_checks(&r, all, graded, res);
  struct score_total t = score_total(&r, res);
  rubric_free(&r);
  return t;
}

/* fakeqemu tags as user/tag.c does, with user/hmac.c, from the key the
 * grader wrote into this run's copy of the image: full marks. */
Test(driver, lines_tagged_with_the_runs_key_earn_tagged_checks)
{
  struct check_result res[2];
  struct run_result all[1];
  struct score_total t =
      grade_tagged("tagged cowtest => simple: ok\\nsimple: ok\\nALL COW TESTS PASSED\n", res, all);
  cr_assert_float_eq(t.score, 20, 1e-9, "%s", res[0].output ? res[0].output : "");
  cr_assert(strstr(all[0].output, "simple: ok [tag:"), "%s", all[0].output);
  score_free(res, 2);
  driver_free_results(all, 1);
  unsigned char placeholder[GRADEKEY_SIZE];
  FILE *f = fopen(path_image, "r");
  cr_assert_eq(fseek(f, 1024, SEEK_SET), 0);
  cr_assert_eq(fread(placeholder, 1, sizeof placeholder, f), sizeof placeholder);
  fclose(f);
  for (int i = GRADEKEY_MARKER_LEN; i < GRADEKEY_SIZE; i++)
    cr_assert_eq(placeholder[i], 0, "the key went into the copy, never into the image given");
}

/* A kernel that prints the verdict lines itself, at boot or in place of the
 * program, untagged or with a made-up tag, scores 0 on tagged checks. */
Test(driver, a_kernel_printing_verdict_lines_itself_scores_nothing_on_tagged_checks)
{
  struct check_result res[2];
  struct run_result all[1];
  struct score_total t = grade_tagged("boot simple: ok\nboot simple: ok\n"
                                      "boot ALL COW TESTS PASSED\n"
                                      "on cowtest => simple: ok [tag:9.1:0123456789abcdef]\n",
                                      res, all);
  cr_assert_float_eq(t.score, 0, 1e-9);
  cr_assert_eq(res[0].status, CHECK_FAILED);
  cr_assert(strstr(res[0].output, "expected exactly 2 tagged lines matching /^simple: ok$/, "
                                  "found 0:\n  line 1: 'simple: ok' has no valid tag (no tag)\n"),
            "%s", res[0].output);
  cr_assert(strstr(res[0].output, "'simple: ok' has no valid tag (a tag that does not verify)"),
            "%s", res[0].output);
  cr_assert(strstr(res[1].output, "line 3: 'ALL COW TESTS PASSED' has no valid tag"), "%s",
            res[1].output);
  score_free(res, 2);
  driver_free_results(all, 1);
}

/* Every run has a key of its own: a tag seen in one run is no use in another. */
Test(driver, each_run_gets_a_fresh_key)
{
  write_keyed_image();
  write_script("on x => y\n");
  struct rubric r;
  struct run_result all[2];
  grade(&r, "run a\n  $ x\ncheck a 1\n  expect: y\nrun b\n  $ x\ncheck b 1\n  expect: y\n", 1, all);
  cr_assert(all[0].keyed && all[1].keyed);
  cr_assert_neq(memcmp(all[0].key, all[1].key, TAG_KEY_LEN), 0);
  driver_free_results(all, r.nruns);
  rubric_free(&r);
}

/* grade's exit status and what it printed (stdout and stderr) for `args`. */
static int run_grade_args(const char *args, char *out, size_t len)
{
  char cmd[2000];
  snprintf(cmd, sizeof cmd, "%s --qemu %s --log-dir %s %s 2>&1", GRADE, FAKEQEMU, path_logs, args);
  FILE *p = popen(cmd, "r");
  cr_assert_not_null(p);
  size_t n = fread(out, 1, len - 1, p);
  out[n] = '\0';
  int status = pclose(p);
  cr_assert(WIFEXITED(status), "grade did not exit: %#x", status);
  return WEXITSTATUS(status);
}

struct refusal {
  const char *kernel, *fs; /* NULL: the test's own */
  const char *rubric;      /* NULL: a good one */
  const char *options;
  const char *message;
};

/* Each is refused with exit 2 and a message before anything boots: no
 * fakeqemu ever writes its pid file. */
Test(driver, hostile_input_is_refused_before_anything_boots)
{
  static const char good[] = "run a timeout 20\n  $ ls\ncheck c 1\n  expect: x\n";
  static const struct refusal cases[] = {
      {"/nonexistent/kernel", 0, 0, "", "cannot read the kernel /nonexistent/kernel: No such"},
      {"/etc/passwd", 0, 0, "", "the kernel /etc/passwd is not an ELF file"},
      {"/bin/sh", 0, 0, "", "is an ELF file for another machine, not RISC-V (EM_RISCV, 243)"},
      {"/tmp", 0, 0, "", "the kernel /tmp is not a regular file"},
      {0, "/nonexistent/fs.img", 0, "", "cannot read the file-system image /nonexistent/fs.img"},
      {0, 0, 0, "--jobs 1e10",
       "--jobs '1e10': expected a whole number of runs at once from 1 to 64"},
      {0, 0, 0, "--jobs 0", "--jobs '0': expected a whole number"},
      {0, 0, 0, "--jobs 65", "--jobs '65': expected"},
      {0, 0, 0, "--jobs 2.5", "--jobs '2.5': expected"},
      {0, 0, 0, "-j -1", "--jobs '-1': expected"},
      {0, 0, 0, "--cpus 9", "--cpus '9': expected a whole number of harts from 1 to 8"},
      {0, 0, 0, "--cpus 0", "--cpus '0': expected"},
      {0, 0, 0, "--timeout-scale inf", "--timeout-scale 'inf': expected a number from 0.05 to 100"},
      {0, 0, 0, "--timeout-scale nan", "--timeout-scale 'nan': expected"},
      {0, 0, 0, "--timeout-scale 1e9", "--timeout-scale '1e9': expected"},
      {0, 0, 0, "--timeout-scale 0", "--timeout-scale '0': expected"},
      {0, 0, "run a timeout inf\n  $ ls\ncheck c 1\n  expect: x\n", "",
       ":1: expected a positive number of seconds, at most 86400"},
      {0, 0, "run a idle 1e9\n  $ ls\ncheck c 1\n  expect: x\n", "", ":1: expected a positive"},
      {0, 0, "run a\n  $ ls\ncheck c -5\n  expect: x\n", "", ":3: expected the points"},
      {0, 0, "run a\n  $ ls\ncheck c 1e6\n  expect: x\n", "", ":3: expected the points"},
      {0, 0, "run a\n  $ echo \x01x\ncheck c 1\n  expect: x\n", "",
       ":2: expected printable text after '$', found the control character 0x01"},
      {0, 0, "run a\n  $ ls\ncheck c 1\n  expect tagged: x\n", "",
       ":4: check 'c' wants tagged lines, but the image"},
  };
  write_script("on ls => x\n");
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    const struct refusal *c = &cases[i];
    char rubric[300], args[1200], out[4096];
    write_rubric_file(c->rubric ? c->rubric : good, rubric, sizeof rubric);
    snprintf(args, sizeof args, "--kernel %s --fs %s --rubric %s %s",
             c->kernel ? c->kernel : path_kernel, c->fs ? c->fs : path_image, rubric, c->options);
    unlink(path_pid);
    cr_expect_eq(run_grade_args(args, out, sizeof out), 2, "case %zu (%s): %s", i, args, out);
    cr_expect(strstr(out, c->message), "case %zu: %s\n  want: %s", i, out, c->message);
    cr_expect_neq(access(path_pid, F_OK), 0, "case %zu booted fakeqemu", i);
  }
  /* The good rubric, kernel and image do grade: the refusals were the inputs'. */
  char rubric[300], args[1200], out[4096];
  write_rubric_file(good, rubric, sizeof rubric);
  snprintf(args, sizeof args, "--kernel %s --fs %s --rubric %s -q", path_kernel, path_image,
           rubric);
  cr_assert_eq(run_grade_args(args, out, sizeof out), 0, "%s", out);
}

/* --json carries each run's verdict, time and longest silence, and a
 * partial check's score against its max_score. */
Test(driver, json_has_partial_scores_and_each_runs_longest_silence)
{
  write_script("drip work => score: 3/4\n");
  char rubric[300], args[1200], out[4096], json[300], cmd[1500];
  write_rubric_file("run d timeout 20 idle 5\n  $ work\n"
                    "check p 8\n  partial: ^score: ([0-9]+)/([0-9]+)$\n",
                    rubric, sizeof rubric);
  snprintf(json, sizeof json, "%s/results.json", dir);
  snprintf(args, sizeof args, "--kernel %s --fs %s --rubric %s --json %s", path_kernel, path_image,
           rubric, json);
  cr_assert_eq(run_grade_args(args, out, sizeof out), 1, "a partial check is not a pass: %s", out);
  cr_assert(strstr(out, "p                              d              6/8          partial"), "%s",
            out);
  cr_assert(strstr(out, "PARTIAL p (log: "), "%s", out);
  snprintf(cmd, sizeof cmd,
           "python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); t=d[\"tests\"][0]; "
           "assert (d[\"score\"], d[\"max_score\"]) == (6, 8), d; "
           "assert (t[\"score\"], t[\"max_score\"], t[\"status\"]) == (6, 8, \"failed\"), t; "
           "r=d[\"extra_data\"][\"runs\"][0]; "
           "assert r[\"name\"]==\"d\" and r[\"verdict\"]==\"completed\", r; "
           "assert 0.25 < r[\"longest_silence\"] < 5, r' %s",
           json);
  cr_assert_eq(system(cmd), 0, "python3 rejected or disagreed with %s", json);
}
