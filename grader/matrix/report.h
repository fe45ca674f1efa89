/* The matrix report: every variant's verdicts next to what the variant table
 * expects, the alarms (a broken kernel the grader missed, a correct kernel it
 * failed) and forkbench's eager kernel against the copy-on-write ones, as
 * Markdown, HTML with inline SVG bar charts, and a short terminal summary. */
#pragma once

#include <stdbool.h>
#include <stdio.h>

#include "grader/matrix/bench.h"
#include "grader/matrix/compare.h"
#include "grader/rubric.h"

/* One kernel of the table after grading. */
struct matrix_entry {
  struct matrix_row row;
  bool built;        /* its kernel file exists */
  char runs[512];    /* how each graded run ended, e.g. "cowtest: completed in 26.7s" */
  char log_dir[512]; /* its console logs */
  char **why;        /* per check: the grader's reason for a failed check, or NULL */
};

/* forkbench on one kernel. */
struct matrix_bench_run {
  const char *kernel;
  bool ok;         /* table holds what forkbench -t printed */
  char note[1024]; /* when not ok: what went wrong */
  struct bench_table table;
};

/* Copy-on-write kernels benchmarked against the one eager kernel: the
 * tables and charts stay readable with up to this many. */
enum { MATRIX_MAX_COW = 3 };

struct matrix_report {
  const char *table_path, *rubric_path;
  const struct rubric *rubric;
  struct matrix_entry *entries;
  int nentries;
  bool full; /* every run graded on the correct rows, not just the first */
  /* The eager kernel, then each copy-on-write one; nbench 0: no benchmark. */
  struct matrix_bench_run bench[1 + MATRIX_MAX_COW];
  int nbench;
  double wall_s;
};

/* Markdown: the table, the alarms, each kernel's runs, the benchmark. */
void matrix_write_markdown(FILE *f, const struct matrix_report *m);

/* The same as a self-contained HTML page with an SVG chart; no script. */
void matrix_write_html(FILE *f, const struct matrix_report *m);

/* A few lines for the terminal; returns the number of mismatched kernels. */
int matrix_summary(FILE *f, const struct matrix_report *m);

/* What the matrix graded, for the reports' headers: the rubric's first run
 * on every row, and in full mode every run on the rows the table calls
 * correct, e.g. "run ufork on every row, every run on the correct rows". */
void matrix_scope_text(const struct matrix_report *m, char *buf, size_t len);

/* Shared by both writers. Cell text such as "F: fail", "P: 55/57". */
void matrix_cell_text(const struct matrix_cell *c, char *buf, size_t len);
/* A run other than the first, summed over its checks: matched, and "P: 55/57". */
bool matrix_group_text(const struct matrix_report *m, const struct matrix_entry *e, int run,
                       char *buf, size_t len);
/* The checks of `e` that did not match, as "cow-file, cow-all". */
void matrix_mismatch_list(const struct matrix_report *m, const struct matrix_entry *e, bool passed,
                          char *buf, size_t len);

/* The forkbench comparison (bench_report.c). The tables show the
 * kernels whose run produced a table, as long as eager and at least one
 * copy-on-write kernel did; the runs that failed are listed with their note. */

/* A row per size eager measured, a value column per kernel shown, and for
 * the cycle measures an "eager / kernel" ratio column per copy-on-write
 * kernel shown: what both writers print for one forkbench measure. */
enum { MATRIX_GRID_COLS = 2 + 2 * MATRIX_MAX_COW };
struct matrix_bench_grid {
  int nrows, ncols;
  const char *head[MATRIX_GRID_COLS];        /* "MiB", "" or "eager / " */
  const char *head_kernel[MATRIX_GRID_COLS]; /* the kernel after head, or NULL */
  char cell[BENCH_MAX_ROWS][MATRIX_GRID_COLS][24];
};

/* Section titles per measure, e.g. "fork+wait (cycles)". */
extern const char *const matrix_bench_title[BENCH_NCOLS];

/* The runs the tables show, eager first; 0 when there is nothing to compare. */
int matrix_bench_shown(const struct matrix_report *m, const struct matrix_bench_run **shown);
/* eager / other for measure `col` at `size_mib`; false where either lacks it. */
bool matrix_bench_ratio(const struct bench_table *eager, const struct bench_table *other,
                        int size_mib, int col, double *ratio);
void matrix_bench_grid(const struct matrix_report *m, int col, struct matrix_bench_grid *g);

/* The "## forkbench" section of report.md. */
void matrix_bench_markdown(FILE *f, const struct matrix_report *m);
/* The terminal lines: fork+wait ratios at the largest size each copy-on-write
 * kernel shares with eager. Returns false if a forkbench run gave no table. */
bool matrix_bench_summary(FILE *f, const struct matrix_report *m);
