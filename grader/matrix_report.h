/* The matrix report: every variant's verdicts next to what the variant table
 * expects, the alarms (a broken kernel the grader missed, a correct kernel it
 * failed) and the forkbench comparison, as Markdown, HTML with an inline SVG
 * bar chart, and a short summary for the terminal. */
#pragma once

#include <stdbool.h>
#include <stdio.h>

#include "grader/matrix_bench.h"
#include "grader/matrix_compare.h"
#include "grader/rubric.h"

/* One kernel of the table after grading. */
struct matrix_entry {
  struct matrix_row row;
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

struct matrix_report {
  const char *table_path, *rubric_path;
  const struct rubric *rubric;
  struct matrix_entry *entries;
  int nentries;
  bool full;                        /* usertests graded on the correct kernels too */
  struct matrix_bench_run bench[2]; /* [0] eager, [1] copy-on-write */
  int nbench;
  double wall_s;
};

/* Markdown: the table, the alarms, each kernel's runs, the benchmark. */
void matrix_write_markdown(FILE *f, const struct matrix_report *m);

/* The same as a self-contained HTML page with an SVG chart; no script. */
void matrix_write_html(FILE *f, const struct matrix_report *m);

/* A few lines for the terminal; returns the number of mismatched kernels. */
int matrix_summary(FILE *f, const struct matrix_report *m);

/* Shared by both writers. Cell text such as "F: fail", "P: 55/57". */
void matrix_cell_text(const struct matrix_cell *c, char *buf, size_t len);
/* A run other than the first, summed over its checks: matched, and "P: 55/57". */
bool matrix_group_text(const struct matrix_report *m, const struct matrix_entry *e, int run,
                       char *buf, size_t len);
/* The checks of `e` that did not match, as "cow-file, cow-all". */
void matrix_mismatch_list(const struct matrix_report *m, const struct matrix_entry *e, bool passed,
                          char *buf, size_t len);
