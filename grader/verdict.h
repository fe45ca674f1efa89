/* Verdict prose: the words a run's verdict is explained with (a panic with
 * its last lines up to the panic line, a hang with how far the run got, an
 * early exit with QEMU's stderr), for every check of that run to quote. */
#pragma once

#include "grader/console.h"
#include "grader/score.h"

/* A newly allocated explanation of `verdict` (not RUN_PASSED): `how` says how
 * far the run got, `status` is QEMU's wait status, `errpath` its stderr,
 * `idle` the run's idle limit and `elapsed` its time, in seconds. NULL for
 * a completed run or when out of memory. */
char *verdict_detail(enum run_verdict verdict, struct console *con, const char *how, int status,
                     const char *errpath, double idle, double elapsed);
