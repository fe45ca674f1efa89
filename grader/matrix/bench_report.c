/* forkbench's eager kernel against the copy-on-write ones: the grid both
 * writers print for each measure, the Markdown section and the terminal
 * lines. Tables of different kernels are matched by process size, and the
 * eager table's sizes are the rows, since every ratio divides its cycles. */
#define _GNU_SOURCE
#include <string.h>

#include "grader/matrix/report.h"

const char *const matrix_bench_title[BENCH_NCOLS] = {
    [BENCH_FORK_WAIT] = "fork+wait (cycles)",
    [BENCH_FORK_EXEC] = "fork+exec (cycles)",
    [BENCH_FORK_TOUCH] = "fork+touch: the child writes every page (cycles)",
    [BENCH_COPIED_EXEC] = "pages copied per fork+exec",
};

static const char bench_intro[] =
    "Cycles per operation (median of a few runs) by process size in MiB, and pages copied per "
    "fork+exec. ratio = eager cycles / that kernel's cycles, measured in this one matrix run; "
    "'-' = not measured (eager cannot fork a 64 MiB process on a 128 MiB machine).";

int matrix_bench_shown(const struct matrix_report *m, const struct matrix_bench_run **shown)
{
  if (m->nbench < 2 || !m->bench[0].ok)
    return 0;
  int n = 0;
  for (int k = 0; k < m->nbench; k++)
    if (m->bench[k].ok)
      shown[n++] = &m->bench[k];
  return n > 1 ? n : 0;
}

bool matrix_bench_ratio(const struct bench_table *eager, const struct bench_table *other,
                        int size_mib, int col, double *ratio)
{
  const struct bench_row *a = bench_find(eager, size_mib), *b = bench_find(other, size_mib);
  if (!a || !b || !a->have[col] || !b->have[col] || !(b->value[col] > 0))
    return false;
  *ratio = a->value[col] / b->value[col];
  return true;
}

/* A ratio of page counts near zero says nothing; one of cycles is the point. */
static bool has_ratio(int col)
{
  return col != BENCH_COPIED_EXEC;
}

static void grid_head(struct matrix_bench_grid *g, const char *head, const char *kernel)
{
  g->head[g->ncols] = head;
  g->head_kernel[g->ncols] = kernel;
  g->ncols++;
}

/* Row i: the size, each kernel's value, then each copy-on-write ratio. */
static void grid_row(struct matrix_bench_grid *g, int i, const struct matrix_bench_run **shown,
                     int n, int col)
{
  char(*cell)[sizeof g->cell[0][0]] = g->cell[i];
  int size = shown[0]->table.rows[i].size_mib;
  double ratio;
  snprintf(cell[0], sizeof cell[0], "%d", size);
  for (int k = 0; k < n; k++) {
    const struct bench_row *r = bench_find(&shown[k]->table, size);
    if (r && r->have[col])
      snprintf(cell[1 + k], sizeof cell[0], "%.0f", r->value[col]);
    else
      snprintf(cell[1 + k], sizeof cell[0], "-");
  }
  for (int k = 1; has_ratio(col) && k < n; k++) {
    if (matrix_bench_ratio(&shown[0]->table, &shown[k]->table, size, col, &ratio))
      snprintf(cell[n + k], sizeof cell[0], "%.1fx", ratio);
    else
      snprintf(cell[n + k], sizeof cell[0], "-");
  }
}

void matrix_bench_grid(const struct matrix_report *m, int col, struct matrix_bench_grid *g)
{
  const struct matrix_bench_run *shown[1 + MATRIX_MAX_COW];
  int n = matrix_bench_shown(m, shown);
  g->ncols = 0;
  g->nrows = n ? shown[0]->table.nrows : 0;
  grid_head(g, "MiB", NULL);
  for (int k = 0; k < n; k++)
    grid_head(g, "", shown[k]->kernel);
  for (int k = 1; has_ratio(col) && k < n; k++)
    grid_head(g, "eager / ", shown[k]->kernel);
  for (int i = 0; i < g->nrows; i++)
    grid_row(g, i, shown, n, col);
}

static void md_grid(FILE *f, const struct matrix_bench_grid *g)
{
  fputs("|", f);
  for (int c = 0; c < g->ncols; c++) {
    if (g->head_kernel[c])
      fprintf(f, " %s`%s` |", g->head[c], g->head_kernel[c]);
    else
      fprintf(f, " %s |", g->head[c]);
  }
  fputs("\n|", f);
  for (int c = 0; c < g->ncols; c++)
    fputs("---|", f);
  fputs("\n", f);
  for (int i = 0; i < g->nrows; i++) {
    fputs("|", f);
    for (int c = 0; c < g->ncols; c++)
      fprintf(f, " %s |", g->cell[i][c]);
    fputs("\n", f);
  }
}

void matrix_bench_markdown(FILE *f, const struct matrix_report *m)
{
  const struct matrix_bench_run *shown[1 + MATRIX_MAX_COW];
  if (m->nbench < 2)
    return;
  fprintf(f, "\n## forkbench: `%s` against", m->bench[0].kernel);
  for (int k = 1; k < m->nbench; k++)
    fprintf(f, "%s `%s`", k > 1 ? "," : "", m->bench[k].kernel);
  fputs("\n\n", f);
  bool failed = false;
  for (int k = 0; k < m->nbench; k++) {
    if (!m->bench[k].ok)
      fprintf(f, "- `%s`: %s\n", m->bench[k].kernel, m->bench[k].note);
    failed = failed || !m->bench[k].ok;
  }
  if (!matrix_bench_shown(m, shown))
    return;
  fprintf(f, "%s%s\n", failed ? "\n" : "", bench_intro);
  for (int col = 0; col < BENCH_NCOLS; col++) {
    struct matrix_bench_grid g;
    matrix_bench_grid(m, col, &g);
    fprintf(f, "\n### %s\n\n", matrix_bench_title[col]);
    md_grid(f, &g);
  }
}

/* The largest size at which eager and `other` both measured fork+wait, or 0. */
static int largest_shared_size(const struct bench_table *eager, const struct bench_table *other)
{
  int best = 0;
  double ratio;
  for (int i = 0; i < eager->nrows; i++) {
    int size = eager->rows[i].size_mib;
    if (size > best && matrix_bench_ratio(eager, other, size, BENCH_FORK_WAIT, &ratio))
      best = size;
  }
  return best;
}

/* One line per size: the kernels compared at size[k], from the k-th on. */
static void summary_line(FILE *f, const struct matrix_bench_run **shown, int n, const int *size,
                         int k)
{
  double ratio;
  fprintf(f, "matrix: forkbench fork+wait at %d MiB:", size[k]);
  for (int j = k; j < n; j++) {
    if (size[j] != size[k])
      continue;
    matrix_bench_ratio(&shown[0]->table, &shown[j]->table, size[j], BENCH_FORK_WAIT, &ratio);
    fprintf(f, "%s eager/%s %.1fx", j > k ? "," : "", shown[j]->kernel, ratio);
  }
  fputc('\n', f);
}

bool matrix_bench_summary(FILE *f, const struct matrix_report *m)
{
  const struct matrix_bench_run *shown[1 + MATRIX_MAX_COW];
  int n = matrix_bench_shown(m, shown), size[1 + MATRIX_MAX_COW];
  for (int k = 1; k < n; k++)
    size[k] = largest_shared_size(&shown[0]->table, &shown[k]->table);
  for (int k = 1; k < n; k++) {
    bool told = false; /* on the line of an earlier kernel at the same size */
    for (int j = 1; j < k; j++)
      told = told || size[j] == size[k];
    if (size[k] == 0)
      fprintf(f, "matrix: forkbench fork+wait: no size that both eager and %s measured\n",
              shown[k]->kernel);
    else if (!told)
      summary_line(f, shown, n, size, k);
  }
  bool ok = true;
  for (int k = 0; k < m->nbench; k++)
    ok = ok && m->bench[k].ok;
  if (!ok)
    fprintf(f, "matrix: forkbench did not produce every table (see the report)\n");
  return ok;
}
