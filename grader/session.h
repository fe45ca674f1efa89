/* One QEMU driven through one rubric run: started on its own copy of the
 * image with a fresh key, typed at on each prompt, held to its deadlines
 * and ended with a verdict. The driver's loop (driver.c) runs several. */
#pragma once

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "grader/console.h"
#include "grader/driver.h"

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

/* Starts run s->run: copies the image, installs a key, starts QEMU. 0, or
 * -1 with res->verdict RUN_START_FAILED and res->detail saying why. */
int session_start(const struct driver_config *cfg, const struct rubric *r, struct session *s,
                  struct run_result *res);

/* Reacts to new console output, to QEMU's exit and to the run's limits;
 * s->pid is 0 afterwards when the run ended (res then holds its result). */
void session_advance(struct session *s, const struct rubric *r, struct run_result *res);

/* Ends the run with `verdict`: kills QEMU and its group unless already
 * `reaped` (with wait status `status`), and fills res. */
void session_finish(struct session *s, const struct rubric *r, struct run_result *res,
                    enum run_verdict verdict, int status, bool reaped);
