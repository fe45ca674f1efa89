/* forkbench's tab-separated table (`forkbench -t`), read back from a console
 * transcript: one row per process size, cycles for fork+wait, fork+exec and
 * fork+touch, and pages copied per fork+exec. Pure parsing, no I/O. */
#pragma once

#include <stdbool.h>

/* The header row forkbench -t prints above its rows. */
#define BENCH_HEADER "size_mib\tfork_wait\tfork_exec\tfork_touch\tcopied_exec"

enum { BENCH_FORK_WAIT, BENCH_FORK_EXEC, BENCH_FORK_TOUCH, BENCH_COPIED_EXEC, BENCH_NCOLS };
enum { BENCH_MAX_ROWS = 16 };

struct bench_row {
  int size_mib;
  double value[BENCH_NCOLS];
  bool have[BENCH_NCOLS]; /* false where forkbench printed "-" (not measured) */
};

struct bench_table {
  struct bench_row rows[BENCH_MAX_ROWS];
  int nrows;
};

/* Finds the header line in `console` and reads the rows under it, up to the
 * first line that is not one. Returns the number of rows, or -1 when there is
 * no header or no row. */
int bench_parse(const char *console, struct bench_table *t);

/* The row of `t` for a process of `size_mib`, or NULL if forkbench printed
 * none: tables from different kernels are matched by size, not position. */
const struct bench_row *bench_find(const struct bench_table *t, int size_mib);

/* The column names of the header, for reports. */
extern const char *const bench_column_names[BENCH_NCOLS];
