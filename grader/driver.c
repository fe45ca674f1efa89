/* Grading driver: one poll() loop over the running sessions' pty masters
 * (grader/session.c, one QEMU each, up to --jobs at once) and a self-pipe
 * woken by signals; everything waits on events with deadlines, never on
 * fixed sleeps, so grading adds little to QEMU's own time. */
#define _GNU_SOURCE
#include "grader/driver.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "grader/report.h"
#include "grader/session.h"

enum { PROGRESS_MS = 200 };

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
    session_advance(&ss[i], r, &results[ss[i].run]);
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
        if (session_start(cfg, r, &ss[i], &results[run]) < 0)
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
      session_finish(&ss[i], r, &results[ss[i].run], RUN_INTERRUPTED, 0, false);
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
