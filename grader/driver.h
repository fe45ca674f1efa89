/* The grading driver: boots one QEMU per selected run (up to --jobs at a
 * time), types each command at the shell's prompt, enforces deadlines,
 * recognises panics, and stops every QEMU on every way out, signals included. */
#pragma once

#include <stdbool.h>
#include <stdio.h>

#include "grader/qemu.h"
#include "grader/rubric.h"
#include "grader/score.h"

struct driver_config {
  struct qemu_config qemu;
  const char *log_dir;  /* console logs, QEMU's stderr, and image copies */
  double timeout_scale; /* multiplies every run's timeout */
  int jobs;             /* runs at once */
  double boot_timeout;  /* seconds to the first prompt, before scaling; 0: the run's timeout */
  /* The kernel of each run, by run index, where runs boot different kernels
   * (the matrix grades a whole table in one driver_run); NULL: qemu.kernel. */
  const char *const *run_kernels;
  /* The same for file-system images (a ucow table row names its image);
   * NULL, or NULL for a run: qemu.fs_image. */
  const char *const *run_images;
  FILE *human; /* progress and run lines; NULL for none */
  bool live;   /* rewrite one progress line (a terminal) */
};

/* Runs every run with wanted[i] set and fills results[i]. Returns 0, or the
 * number of the signal (SIGINT, SIGTERM, SIGHUP) that interrupted grading,
 * after killing QEMU; unfinished runs are then RUN_INTERRUPTED. */
int driver_run(const struct driver_config *cfg, const struct rubric *r, const bool *wanted,
               struct run_result *results);

void driver_free_results(struct run_result *results, int n);

/* After driver_run returned a signal's number (QEMU is already dead): says so
 * on stderr as "PROGRAM: stopped by ...", then dies of that signal, so that
 * our parent (a shell, meson test) sees how we ended. */
__attribute__((noreturn)) void driver_die_of_signal(const char *program, int sig);

/* Seconds on the monotonic clock that run deadlines and elapsed times use;
 * only differences between two readings mean anything. */
double driver_now(void);

/* grader/driver_options.c: the options every program that drives QEMU
 * shares (grade, matrix, grade-class), by the
 * getopt_long codes both use: 'Q' --qemu, 'c' --cpus, 'm' --memory,
 * 'j' --jobs, 's' --timeout-scale. Returns 1 if opt is one of them and was
 * applied to cfg, 0 if opt is not one of them, -1 if its argument is out of
 * bounds (driver_option_expected says what is accepted). */
int driver_option(struct driver_config *cfg, int opt, const char *arg);

/* What driver_option accepts for opt, for a message: "a whole number ...". */
const char *driver_option_expected(int opt);

/* Creates the directory `path` and any missing parents, as `mkdir -p` does:
 * where logs and reports go. 0, or -1 with errno set. */
int driver_make_dirs(const char *path);
