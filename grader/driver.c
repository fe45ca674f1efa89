/* Grading driver: one poll() loop over the running QEMUs' pty masters and a
 * self-pipe woken by signals; everything waits on events with deadlines,
 * never on fixed sleeps, so grading adds little to QEMU's own time. */
#define _GNU_SOURCE
#include "grader/driver.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "grader/console.h"
#include "grader/report.h"
#include "grader/symbolize.h"
#include "grader/tag.h"
#include "kernel/dev/poweroff.h" /* POWEROFF_PANIC_STATUS: how the kernel ends a panic */

enum { TAIL_LINES = 10, PROGRESS_MS = 200 };

/* One QEMU being driven through one rubric run. */
struct session {
  int run;
  pid_t pid; /* also the process-group id; 0 when not running */
  int master;
  int log;
  bool hung_up; /* the pty master reported EIO: QEMU closed the console */
  int next;     /* next command to type; ncommands means `poweroff` */
  const char *typed;
  double started, deadline; /* deadline: the boot's until the first prompt, then the run's */
  double run_deadline;
  double last_output; /* when QEMU last printed (or started) */
  double silence;     /* longest gap between outputs so far */
  size_t silence_end; /* console offset where the output that ended it began */
  double idle;        /* the idle limit, --timeout-scale applied */
  long panic_seen;    /* console.panic_at when last looked at */
  double panic_at;    /* when the latest panic-looking line arrived */
  struct console con;
  char image[PATH_MAX], errpath[PATH_MAX];
};

static int wake_pipe[2] = {-1, -1};
static volatile sig_atomic_t stop_signal;

static void on_signal(int sig)
{
  int saved = errno;
  if (sig != SIGCHLD && stop_signal == 0)
    stop_signal = sig;
  if (write(wake_pipe[1], "x", 1) < 0)
    errno = saved;
  errno = saved;
}

static const int caught[] = {SIGINT, SIGTERM, SIGHUP, SIGCHLD};
#define NCAUGHT (int)(sizeof caught / sizeof caught[0])

static int install_handlers(struct sigaction *old, struct sigaction *old_pipe)
{
  if (pipe2(wake_pipe, O_CLOEXEC | O_NONBLOCK) < 0)
    return -1;
  stop_signal = 0;
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  for (int i = 0; i < NCAUGHT; i++)
    sigaction(caught[i], &sa, &old[i]);
  /* A closed stdout must not kill us before QEMU is stopped. */
  sa.sa_handler = SIG_IGN;
  sigaction(SIGPIPE, &sa, old_pipe);
  return 0;
}

static void restore_handlers(const struct sigaction *old, const struct sigaction *old_pipe)
{
  for (int i = 0; i < NCAUGHT; i++)
    sigaction(caught[i], &old[i], NULL);
  sigaction(SIGPIPE, old_pipe, NULL);
  close(wake_pipe[0]);
  close(wake_pipe[1]);
  wake_pipe[0] = wake_pipe[1] = -1;
}

static char *read_small_file(const char *path)
{
  char *text = NULL;
  size_t len = 0;
  FILE *out = open_memstream(&text, &len);
  FILE *in = fopen(path, "r");
  char line[512];
  for (int n = 0; in && n < 20 && fgets(line, sizeof line, in); n++)
    fprintf(out, "  %s%s", line, strchr(line, '\n') ? "" : "\n");
  if (in)
    fclose(in);
  fclose(out);
  return text;
}

static char *describe_status(int status)
{
  char *s = NULL;
  int rc = WIFSIGNALED(status) ? asprintf(&s, "killed by signal %d", WTERMSIG(status))
                               : asprintf(&s, "exited with status %d", WEXITSTATUS(status));
  return rc < 0 ? NULL : s;
}

/* How far the run got, for hangs, timeouts and early exits. */
static char *describe_progress(const struct session *s, const struct rubric_run *run)
{
  char *s_out = NULL;
  int rc;
  if (!s->typed)
    rc = asprintf(&s_out, "still booting: no `$ ` prompt yet");
  else if (s->next > run->ncommands)
    rc = asprintf(&s_out, "every command was typed, then `poweroff`; QEMU had not exited");
  else
    rc = asprintf(&s_out, "command %d of %d was typed and had not finished: $ %s", s->next,
                  run->ncommands, s->typed);
  return rc < 0 ? NULL : s_out;
}

/* The longest silence of a correct kernel is what the idle limit's default
 * is measured from (docs/grading.md), so every run records its own. */
static void note_output(struct session *s)
{
  double t = driver_now();
  if (t - s->last_output > s->silence) {
    s->silence = t - s->last_output;
    s->silence_end = s->con.len;
  }
  s->last_output = t;
}

/* The number of the line holding console offset `at`; 0 past the end. */
static int line_of(const struct console *con, size_t at)
{
  int line = 1;
  if (at >= con->len)
    return 0;
  for (size_t i = 0; i < at; i++)
    line += con->text[i] == '\n';
  return line;
}

/* A panic-looking line with no panic exit: said beside a hang or a timeout,
 * since a kernel whose panic spins instead of ending the machine shows this. */
static char *panic_note(struct console *con)
{
  char *out = NULL;
  if (!console_panicked(con, true))
    return strdup("");
  const char *line = con->text + con->panic_at;
  if (asprintf(&out,
               "a line '%.*s' was printed, but QEMU did not exit with the kernel's panic status "
               "(%d), so it is taken as output, not as a kernel panic\n",
               (int)strcspn(line, "\n"), line, POWEROFF_PANIC_STATUS) < 0)
    out = NULL;
  return out;
}

static void read_console(struct session *s)
{
  char buf[4096];
  for (;;) {
    ssize_t n = read(s->master, buf, sizeof buf);
    if (n > 0) {
      note_output(s);
      size_t before = s->con.len;
      console_feed(&s->con, buf, (size_t)n);
      if (s->con.panic_at != s->panic_seen) {
        s->panic_seen = s->con.panic_at;
        s->panic_at = driver_now();
      }
      if (write(s->log, s->con.text + before, s->con.len - before) < 0) {
        /* The log is a convenience: grading goes on without it. */
      }
      continue;
    }
    if (n < 0 && errno == EINTR)
      continue;
    if (n == 0 || (n < 0 && errno != EAGAIN))
      s->hung_up = true;
    return;
  }
}

static void type_line(struct session *s, const char *line)
{
  char buf[4200];
  int n = snprintf(buf, sizeof buf, "%s\r", line);
  size_t len = n < (int)sizeof buf ? (size_t)n : sizeof buf - 1, done = 0;
  while (done < len) {
    ssize_t w = write(s->master, buf + done, len - done);
    if (w > 0) {
      done += (size_t)w;
    } else if (w < 0 && (errno == EAGAIN || errno == EINTR)) {
      struct pollfd pfd = {.fd = s->master, .events = POLLOUT};
      poll(&pfd, 1, 100);
    } else {
      break; /* QEMU is gone; the exit is noticed by the main loop */
    }
  }
  console_typed(&s->con);
  s->typed = line;
}

/* End a session: make sure QEMU and its group are gone, keep the transcript. */
static void finish(struct session *s, const struct rubric *r, struct run_result *res,
                   enum run_verdict verdict, int status, bool reaped)
{
  const struct rubric_run *run = &r->runs[s->run];
  if (!reaped)
    status = qemu_kill(s->pid);
  else
    qemu_kill_leftovers(s->pid);
  read_console(s);
  close(s->master);
  close(s->log);
  unlink(s->image);
  res->elapsed = driver_now() - s->started;
  /* How long after it could be known the verdict came: measured for the
   * report, since the issue bounds it (docs/grading.md). */
  if (verdict == RUN_PANIC && s->con.panic_at >= 0)
    res->latency = driver_now() - s->panic_at;
  else if (verdict == RUN_IDLE)
    res->latency = driver_now() - (s->last_output + s->idle);
  note_output(s); /* the stretch from the last output to the end counts too */
  res->silence = s->silence;
  res->silence_line = line_of(&s->con, s->silence_end);
  res->exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  res->verdict = verdict;
  char *tail = console_tail(&s->con, s->con.len, TAIL_LINES);
  char *how = describe_progress(s, run), *st = describe_status(status);
  char *err = read_small_file(s->errpath);
  char *note = verdict == RUN_TIMEOUT || verdict == RUN_IDLE ? panic_note(&s->con) : strdup("");
  int rc = 0;
  if (verdict == RUN_PANIC && s->con.panic_at >= 0) {
    /* Other harts may print after the panic line until QEMU stops: quote
     * up to the panic line, and say how much followed. */
    const char *eol = strchr(s->con.text + s->con.panic_at, '\n');
    size_t end = eol ? (size_t)(eol - s->con.text) + 1 : s->con.len;
    int after = 0;
    for (size_t i = end; i < s->con.len; i++)
      after += s->con.text[i] == '\n' || i + 1 == s->con.len;
    free(tail);
    tail = console_tail(&s->con, end, TAIL_LINES);
    rc = asprintf(&res->detail,
                  "the kernel panicked (QEMU exited with its panic status, %d); its last lines up "
                  "to the panic:\n%s%s",
                  POWEROFF_PANIC_STATUS, tail,
                  after ? "(more lines followed the panic line before QEMU stopped)\n" : "");
  } else if (verdict == RUN_PANIC) {
    rc = asprintf(&res->detail,
                  "QEMU exited with the kernel's panic status (%d), but no 'panic: ' line "
                  "was seen; last lines:\n%s",
                  POWEROFF_PANIC_STATUS, tail[0] ? tail : "  (no output at all)\n");
  } else if (verdict == RUN_IDLE) {
    rc = asprintf(&res->detail, "hang: no output for %.1f s; %s\n%slast lines:\n%s", s->idle, how,
                  note, tail[0] ? tail : "  (no output at all)\n");
  } else if (verdict == RUN_TIMEOUT) {
    rc = asprintf(&res->detail, "timed out after %.1fs; %s\n%slast lines:\n%s", res->elapsed, how,
                  note, tail[0] ? tail : "  (no output at all)\n");
  } else if (verdict == RUN_START_FAILED) {
    rc = asprintf(&res->detail, "QEMU %s before printing anything; its stderr:\n%s", st,
                  err[0] ? err : "  (empty)\n");
  } else if (verdict == RUN_EXITED) {
    rc = asprintf(&res->detail, "QEMU %s; %s\nlast lines:\n%s%s%s", st, how, tail,
                  err[0] ? "QEMU's stderr:\n" : "", err);
  }
  free(note);
  if (rc < 0)
    res->detail = NULL;
  free(tail), free(how), free(st), free(err);
  res->output = s->con.text;
  s->con.text = NULL;
  res->backtraces = symbolize_console(res->kernel_path, res->output);
  s->pid = 0;
}

/* A fresh key for every run, in this run's copy of the image only: a key
 * seen in one run's console or image is worth nothing in the next. An image
 * without the placeholder (not made by our mkfs) runs unkeyed. */
static int install_key(const char *image, struct run_result *res, char *err, size_t errlen)
{
  if (tag_new_key(res->key) < 0) {
    snprintf(err, errlen, "getrandom: %s", strerror(errno));
    return -1;
  }
  int rc = tag_install(image, res->key, err, errlen);
  res->keyed = rc == 1;
  return rc < 0 ? -1 : 0;
}

static int start(const struct driver_config *cfg, const struct rubric *r, struct session *s,
                 struct run_result *res)
{
  const struct rubric_run *run = &r->runs[s->run];
  char err[PATH_MAX + 256] = "";
  snprintf(res->log_path, sizeof res->log_path, "%s/%s.log", cfg->log_dir, run->name);
  snprintf(s->image, sizeof s->image, "%s/%s.img", cfg->log_dir, run->name);
  snprintf(s->errpath, sizeof s->errpath, "%s/%s.stderr", cfg->log_dir, run->name);
  s->log = open(res->log_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (s->log < 0)
    snprintf(err, sizeof err, "cannot write %s: %s", res->log_path, strerror(errno));
  struct qemu_config machine = cfg->qemu;
  if (cfg->run_kernels && cfg->run_kernels[s->run])
    machine.kernel = cfg->run_kernels[s->run];
  snprintf(res->kernel_path, sizeof res->kernel_path, "%s", machine.kernel ? machine.kernel : "");
  if (cfg->run_images && cfg->run_images[s->run])
    machine.fs_image = cfg->run_images[s->run];
  if (s->log >= 0 && qemu_copy_image(machine.fs_image, s->image, err, sizeof err) == 0 &&
      install_key(s->image, res, err, sizeof err) == 0)
    s->pid = qemu_start(&machine, s->image, s->errpath, &s->master, err, sizeof err);
  if (s->log < 0 || s->pid <= 0) {
    if (s->log >= 0)
      close(s->log);
    unlink(s->image);
    s->pid = 0;
    res->verdict = RUN_START_FAILED;
    if (asprintf(&res->detail, "%s\n", err) < 0)
      res->detail = NULL;
    return -1;
  }
  console_init(&s->con);
  s->next = 0;
  s->typed = NULL;
  s->hung_up = false;
  s->started = s->last_output = driver_now();
  s->silence = 0;
  s->silence_end = 0;
  s->panic_seen = -1;
  s->run_deadline = s->started + run->timeout_s * cfg->timeout_scale;
  s->deadline = s->run_deadline;
  if (cfg->boot_timeout > 0 && s->started + cfg->boot_timeout * cfg->timeout_scale < s->deadline)
    s->deadline = s->started + cfg->boot_timeout * cfg->timeout_scale;
  s->idle = run->idle_s * cfg->timeout_scale;
  return 0;
}

/* Only the kernel can end the machine with this status (the poweroff
 * system call refuses it to user programs), so it is what tells a kernel
 * panic from a user program that prints "panic: ". */
static bool panic_exit(int status)
{
  return WIFEXITED(status) && WEXITSTATUS(status) == POWEROFF_PANIC_STATUS;
}

/* React to new console output, to QEMU's exit and to the run's limits. */
static void advance(struct session *s, const struct rubric *r, struct run_result *res)
{
  const struct rubric_run *run = &r->runs[s->run];
  int status;
  read_console(s);
  pid_t w = waitpid(s->pid, &status, WNOHANG);
  if (w == s->pid) {
    bool clean = s->next > run->ncommands && WIFEXITED(status) && WEXITSTATUS(status) == 0;
    enum run_verdict v = panic_exit(status) ? RUN_PANIC
                         : clean            ? RUN_PASSED
                         : s->con.len == 0  ? RUN_START_FAILED
                                            : RUN_EXITED;
    finish(s, r, res, v, status, true);
    return;
  }
  if (console_at_prompt(&s->con) && s->next <= run->ncommands) {
    s->deadline = s->run_deadline; /* booted: the boot's limit no longer applies */
    type_line(s, s->next < run->ncommands ? run->commands[s->next] : "poweroff");
    s->next++;
  }
  double t = driver_now();
  if (t >= s->deadline)
    finish(s, r, res, RUN_TIMEOUT, 0, false);
  else if (t >= s->last_output + s->idle)
    finish(s, r, res, RUN_IDLE, 0, false);
}

static int poll_timeout_ms(const struct driver_config *cfg, const struct session *ss, int n)
{
  double t = driver_now(), soonest = t + 3600;
  for (int i = 0; i < n; i++) {
    if (ss[i].pid && ss[i].deadline < soonest)
      soonest = ss[i].deadline;
    if (ss[i].pid && ss[i].last_output + ss[i].idle < soonest)
      soonest = ss[i].last_output + ss[i].idle;
  }
  int ms = (int)((soonest - t) * 1000) + 1;
  if (cfg->live && ms > PROGRESS_MS)
    ms = PROGRESS_MS;
  return ms < 0 ? 0 : ms;
}

static void show_progress(const struct driver_config *cfg, const struct rubric *r,
                          const struct session *ss, int nslots, int started, int total)
{
  /* Redraw when the command changes or a tenth of a second has passed:
   * enough to look live without flooding the terminal. */
  static double drawn_at;
  static const char *drawn_typed;
  if (!cfg->live || !cfg->human)
    return;
  for (int i = 0; i < nslots; i++) {
    if (ss[i].pid) {
      if (ss[i].typed == drawn_typed && driver_now() - drawn_at < 0.1)
        return;
      drawn_at = driver_now();
      drawn_typed = ss[i].typed;
      report_progress(cfg->human, started, total, r->runs[ss[i].run].name,
                      driver_now() - ss[i].started, ss[i].typed);
      return;
    }
  }
}

static void run_finished(const struct driver_config *cfg, const struct rubric *r, int run,
                         const struct run_result *res)
{
  if (!cfg->human)
    return;
  if (cfg->live)
    report_clear_progress(cfg->human);
  report_run_done(cfg->human, r->runs[run].name, res);
}

/* One turn of the loop: wait for output, an exit, a signal or a deadline. */
static void wait_and_advance(const struct driver_config *cfg, const struct rubric *r,
                             struct session *ss, int nslots, struct run_result *results)
{
  struct pollfd pfd[nslots + 1];
  pfd[0] = (struct pollfd){.fd = wake_pipe[0], .events = POLLIN};
  for (int i = 0; i < nslots; i++)
    pfd[i + 1] =
        (struct pollfd){.fd = ss[i].pid && !ss[i].hung_up ? ss[i].master : -1, .events = POLLIN};
  poll(pfd, (nfds_t)nslots + 1, poll_timeout_ms(cfg, ss, nslots));
  char drain[64];
  while (read(wake_pipe[0], drain, sizeof drain) > 0)
    ;
  for (int i = 0; i < nslots && !stop_signal; i++) {
    if (!ss[i].pid)
      continue;
    advance(&ss[i], r, &results[ss[i].run]);
    if (!ss[i].pid)
      run_finished(cfg, r, ss[i].run, &results[ss[i].run]);
  }
}

int driver_run(const struct driver_config *cfg, const struct rubric *r, const bool *wanted,
               struct run_result *results)
{
  struct sigaction old[NCAUGHT], old_pipe;
  int nslots = cfg->jobs > 0 ? cfg->jobs : 1, total = 0, started = 0, next = 0;
  struct session ss[nslots];
  memset(ss, 0, sizeof ss);
  for (int i = 0; i < r->nruns; i++) {
    memset(&results[i], 0, sizeof results[i]);
    results[i].exit_status = -1;
    total += wanted[i];
  }
  mkdir(cfg->log_dir, 0755);
  if (install_handlers(old, &old_pipe) < 0)
    return -1;
  for (;;) {
    int busy = 0;
    for (int i = 0; i < nslots && !stop_signal; i++) {
      while (!ss[i].pid && next < r->nruns && !stop_signal) {
        int run = next++;
        if (!wanted[run])
          continue;
        ss[i].run = run;
        started++;
        if (cfg->human && !cfg->live)
          report_run_started(cfg->human, started, total, r->runs[run].name);
        if (start(cfg, r, &ss[i], &results[run]) < 0)
          run_finished(cfg, r, run, &results[run]);
      }
      busy += ss[i].pid != 0;
    }
    if (stop_signal || busy == 0)
      break;
    show_progress(cfg, r, ss, nslots, started, total);
    wait_and_advance(cfg, r, ss, nslots, results);
  }
  for (int i = 0; i < nslots; i++)
    if (ss[i].pid)
      finish(&ss[i], r, &results[ss[i].run], RUN_INTERRUPTED, 0, false);
  if (cfg->live && cfg->human)
    report_clear_progress(cfg->human);
  int sig = stop_signal;
  restore_handlers(old, &old_pipe);
  return sig;
}

/* The monotonic clock: wall time that a change of the date cannot bend. */
double driver_now(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void driver_die_of_signal(const char *program, int sig)
{
  fprintf(stderr, "%s: stopped by %s; every QEMU was killed\n", program, strsignal(sig));
  signal(sig, SIG_DFL);
  raise(sig);
  exit(128 + sig);
}

void driver_free_results(struct run_result *results, int n)
{
  for (int i = 0; i < n; i++) {
    free(results[i].output);
    free(results[i].detail);
    free(results[i].backtraces);
    results[i].output = results[i].detail = results[i].backtraces = NULL;
  }
}

/* The bounds of the numeric options. A machine has at most 8 harts (as
 * meson_options.txt's cpus); 64 QEMUs at once is more than any host here
 * has cores for; a scale outside 0.05 to 100 turns a one-minute timeout
 * into seconds or days. */
static const struct {
  int opt;
  double min, max;
  bool integer;
  const char *expected;
} option_bounds[] = {
    {'c', 1, 8, true, "a whole number of harts from 1 to 8"},
    {'j', 1, 64, true, "a whole number of runs at once from 1 to 64"},
    {'s', 0.05, 100, false, "a number from 0.05 to 100"},
};

const char *driver_option_expected(int opt)
{
  for (size_t i = 0; i < sizeof option_bounds / sizeof option_bounds[0]; i++)
    if (option_bounds[i].opt == opt)
      return option_bounds[i].expected;
  return "a value";
}

/* Digits only for an integer: strtod would take 1e10, 0x10 or 2.5 and the
 * cast to int would then make what it liked of them. */
static int bounded_number(int opt, const char *arg, double *out)
{
  for (size_t i = 0; i < sizeof option_bounds / sizeof option_bounds[0]; i++) {
    if (option_bounds[i].opt != opt)
      continue;
    char *end;
    errno = 0;
    if (option_bounds[i].integer && arg[strspn(arg, "0123456789")] != '\0')
      return -1;
    double x = strtod(arg, &end);
    if (!*arg || *end || errno || !isfinite(x) || x < option_bounds[i].min ||
        x > option_bounds[i].max)
      return -1;
    *out = x;
    return 0;
  }
  return -1;
}

int driver_option(struct driver_config *cfg, int opt, const char *arg)
{
  double x;
  switch (opt) {
  case 'Q':
    cfg->qemu.qemu = arg;
    return 1;
  case 'm':
    cfg->qemu.memory = arg;
    return 1;
  case 'c':
  case 'j':
  case 's':
    if (bounded_number(opt, arg, &x) < 0)
      return -1;
    if (opt == 'c')
      cfg->qemu.cpus = (int)x;
    else if (opt == 'j')
      cfg->jobs = (int)x;
    else
      cfg->timeout_scale = x;
    return 1;
  default:
    return 0;
  }
}

int driver_make_dirs(const char *path)
{
  char buf[4096];
  snprintf(buf, sizeof buf, "%s", path);
  for (char *p = buf + 1; *p; p++) {
    if (*p == '/') {
      *p = '\0';
      mkdir(buf, 0755); /* an existing parent is fine; a real failure shows below */
      *p = '/';
    }
  }
  return mkdir(buf, 0755) < 0 && errno != EEXIST ? -1 : 0;
}
