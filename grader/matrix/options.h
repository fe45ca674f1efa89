/* The matrix program's command line: what to grade, where the kernels are,
 * which kernels forkbench compares, and the QEMU options it shares with
 * grade. Kept apart from main.c so the tests can parse command lines. */
#pragma once

#include <stdbool.h>

#include "grader/driver.h"
#include "grader/matrix/report.h"

struct matrix_options {
  struct driver_config driver;
  const char *variants, *rubric, *kernel_dir, *out;
  const char *bench_eager;               /* the eager baseline; NULL: no benchmark */
  const char *bench_cow[MATRIX_MAX_COW]; /* the copy-on-write kernels, in order given */
  int nbench_cow;
  double boot_timeout;
  const char *bench_memory; /* QEMU's -m for forkbench; NULL: --memory's */
  bool cowtest_only;
};

/* Reads the command line into `o`, which holds the defaults. --help prints
 * the usage and exits 0; a usage error exits 2 through matrix_die. */
void matrix_parse_options(int argc, char **argv, struct matrix_options *o);

/* "matrix: " and the message on stderr, then exit status 2, which the usage
 * text promises for a usage or file error. */
__attribute__((format(printf, 1, 2), noreturn)) void matrix_die(const char *fmt, ...);
