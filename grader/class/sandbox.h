/* Running a submission's build where it can do no harm: bubblewrap (bwrap)
 * gives it a root holding only the toolchain (read-only), its own tree
 * (read-only) and build directory (writable), a private /tmp, /dev/null,
 * /dev/zero and /dev/urandom, and no network, no home, no other submission.
 * Limits bound its time (every process of it is killed at the limit),
 * each process's memory and the size of any file it writes. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

struct sandbox {
  bool enabled;        /* false: --no-sandbox, the limits alone */
  double seconds;      /* wall-clock limit of the whole build */
  long long memory;    /* address space of each process, bytes */
  long long file_size; /* largest file any process may write, bytes */
};

/* What sandbox_run returns when the time limit killed the command. */
enum { SANDBOX_TIMED_OUT = -2 };

/* 0 if bwrap can make the sandbox on this machine, else -1 with the reason. */
int sandbox_probe(char *why, size_t len);

/* Runs argv with stdout and stderr appended to log, inside the sandbox that
 * sees src read-only and build writable (both absolute paths), for at most
 * until `deadline` (driver_now() seconds). Returns the exit status, -1 if it
 * could not run or died of a signal, or SANDBOX_TIMED_OUT. When it timed out
 * and busy is given, *busy is a newly allocated text of the command lines of
 * its processes that were still running, one per line. */
int sandbox_run(const struct sandbox *sb, const char *src, const char *build, char *const argv[],
                const char *log, double deadline, char **busy);
