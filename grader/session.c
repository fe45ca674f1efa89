/* A grading session: one QEMU through one rubric run. It reads the console
 * as it arrives, types the next command at each fresh prompt, records the
 * longest silence, and ends the run on QEMU's exit, a deadline or the idle
 * limit, killing QEMU's whole process group whatever happened. */
#define _GNU_SOURCE
#include "grader/session.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "grader/symbolize.h"
#include "grader/tag.h"
#include "grader/verdict.h"
#include "kernel/dev/poweroff.h" /* POWEROFF_PANIC_STATUS: how the kernel ends a panic */

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
void session_finish(struct session *s, const struct rubric *r, struct run_result *res,
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
  char *how = describe_progress(s, run);
  res->detail = verdict_detail(verdict, &s->con, how, status, s->errpath, s->idle, res->elapsed);
  free(how);
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

int session_start(const struct driver_config *cfg, const struct rubric *r, struct session *s,
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
void session_advance(struct session *s, const struct rubric *r, struct run_result *res)
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
    session_finish(s, r, res, v, status, true);
    return;
  }
  if (console_at_prompt(&s->con) && s->next <= run->ncommands) {
    s->deadline = s->run_deadline; /* booted: the boot's limit no longer applies */
    type_line(s, s->next < run->ncommands ? run->commands[s->next] : "poweroff");
    s->next++;
  }
  double t = driver_now();
  if (s->con.full)
    session_finish(s, r, res, RUN_FLOOD, 0, false);
  else if (t >= s->deadline)
    session_finish(s, r, res, RUN_TIMEOUT, 0, false);
  else if (t >= s->last_output + s->idle)
    session_finish(s, r, res, RUN_IDLE, 0, false);
}
