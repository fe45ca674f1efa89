/* The matrix report as one self-contained HTML page: the verdict table, the
 * alarms, and forkbench's cycles for the eager kernel and each copy-on-write
 * one drawn as inline SVG bar charts on a log scale (the ratios are tens to
 * thousands), with the tables of report.md below them. No script. */
#define _GNU_SOURCE
#include <math.h>
#include <string.h>

#include "grader/matrix/report.h"

/* Chart geometry in pixels: the plot area, each bar, the gap between the
 * groups of bars of one size, and where the legend's first line sits. */
enum {
  MIN_CHART_W = 330,
  PLOT_X = 50,
  PLOT_Y = 30,
  PLOT_H = 170,
  BAR_W = 22,
  GROUP_GAP = 14,
  LEGEND_Y = PLOT_Y + PLOT_H + 35
};
/* Eager first, then one fill per copy-on-write kernel. */
static const char *const bar_colour[1 + MATRIX_MAX_COW] = {"#c0392b", "#2471a3", "#229954",
                                                           "#d68910"};

static void html_text(FILE *f, const char *s)
{
  for (; *s; s++) {
    if (*s == '<')
      fputs("&lt;", f);
    else if (*s == '>')
      fputs("&gt;", f);
    else if (*s == '&')
      fputs("&amp;", f);
    else
      fputc(*s, f);
  }
}

static void html_table(FILE *f, const struct matrix_report *m)
{
  const struct rubric *r = m->rubric;
  char cell[64];
  fputs("<table>\n<tr><th>variant</th><th>kind</th>", f);
  for (int i = 0; i < r->nchecks; i++)
    if (r->checks[i].run == 0)
      fprintf(f, "<th>%s</th>", r->checks[i].name);
  for (int run = 1; run < r->nruns; run++)
    fprintf(f, "<th>%s</th>", r->runs[run].name);
  fputs("<th>verdict</th></tr>\n", f);
  for (int k = 0; k < m->nentries; k++) {
    const struct matrix_entry *e = &m->entries[k];
    fprintf(f, "<tr><td><code>%s</code></td><td>%s</td>", e->row.v->name,
            variants_kind_name(e->row.v->kind));
    for (int i = 0; i < e->row.ncells; i++) {
      if (r->checks[i].run != 0)
        continue;
      matrix_cell_text(&e->row.cells[i], cell, sizeof cell);
      fprintf(f, "<td class=\"%s\">%s</td>", e->row.cells[i].match ? "ok" : "bad", cell);
    }
    for (int run = 1; run < r->nruns; run++) {
      bool ok = matrix_group_text(m, e, run, cell, sizeof cell);
      fprintf(f, "<td class=\"%s\">%s</td>", ok ? "ok" : "bad", cell);
    }
    fprintf(f, "<td class=\"%s\">%s</td></tr>\n", e->row.match ? "ok" : "bad",
            e->row.missing ? "MISMATCH (not built)"
            : e->row.match ? "MATCH"
                           : "MISMATCH");
  }
  fputs("</table>\n", f);
}

static void html_alarm(FILE *f, const struct matrix_report *m, bool missed)
{
  char list[1024];
  bool any = false;
  for (int i = 0; i < m->nentries; i++) {
    const struct matrix_entry *e = &m->entries[i];
    if (!(missed ? matrix_missed_broken(&e->row) : matrix_failed_correct(&e->row)))
      continue;
    if (!any)
      fprintf(f, "<div class=\"alarm\"><h2>GRADER %s</h2><ul>\n",
              missed ? "MISSED A BROKEN VARIANT" : "FAILED A CORRECT VARIANT");
    any = true;
    matrix_mismatch_list(m, e, missed, list, sizeof list);
    fprintf(f, "<li><code>%s</code> %s %s (logs: <code>", e->row.v->name,
            missed ? "passed" : "failed", e->row.missing ? "everything: not built" : list);
    html_text(f, e->log_dir);
    fputs("</code>)</li>\n", f);
  }
  if (any)
    fputs("</ul></div>\n", f);
}

/* Short labels for bars: 1234567 -> 1.2M. */
static void short_number(double v, char *buf, size_t len)
{
  if (v >= 1e9)
    snprintf(buf, len, "%.1fG", v / 1e9);
  else if (v >= 1e7)
    snprintf(buf, len, "%.0fM", v / 1e6);
  else if (v >= 1e6)
    snprintf(buf, len, "%.1fM", v / 1e6);
  else if (v >= 1e3)
    snprintf(buf, len, "%.0fk", v / 1e3);
  else
    snprintf(buf, len, "%.0f", v);
}

/* The decades the chart's log axis spans, from all bars of one column. */
static void decades(const struct matrix_bench_run **shown, int n, int col, int *lo, int *hi)
{
  double min = 1e300, max = 1;
  for (int k = 0; k < n; k++)
    for (int i = 0; i < shown[k]->table.nrows; i++) {
      const struct bench_row *r = &shown[k]->table.rows[i];
      if (r->have[col] && r->value[col] > 0) {
        min = fmin(min, r->value[col]);
        max = fmax(max, r->value[col]);
      }
    }
  *lo = min > max ? 0 : (int)floor(log10(min));
  *hi = (int)ceil(log10(max));
  if (*hi <= *lo)
    *hi = *lo + 1;
}

/* The chart grows with the bars and the legend lines, but never gets so
 * narrow that a kernel's name in the legend would not fit. */
static void svg_axes(FILE *f, const char *title, int n, int nsizes, int lo, int hi)
{
  int w = PLOT_X + nsizes * (n * BAR_W + GROUP_GAP) + 10;
  fprintf(f,
          "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
          "font-family=\"sans-serif\" font-size=\"11\">\n"
          "<text x=\"%d\" y=\"16\" font-size=\"13\" font-weight=\"bold\">%s</text>\n",
          w > MIN_CHART_W ? w : MIN_CHART_W, LEGEND_Y + n * 15, PLOT_X, title);
  for (int d = lo; d <= hi; d++) {
    double y = PLOT_Y + PLOT_H - (double)(d - lo) / (hi - lo) * PLOT_H;
    fprintf(f,
            "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>"
            "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">1e%d</text>\n",
            PLOT_X, y, PLOT_X + nsizes * (n * BAR_W + GROUP_GAP), y, PLOT_X - 4, y + 4, d);
  }
}

/* One bar, labelled with its value; a value not measured is an empty "-". */
static void svg_bar(FILE *f, double x, const struct bench_row *r, int col, int k, int lo, int hi)
{
  double h = 0;
  char label[32] = "-";
  if (r && r->have[col] && r->value[col] > 0) {
    h = fmax(0, (log10(r->value[col]) - lo) / (hi - lo) * PLOT_H);
    short_number(r->value[col], label, sizeof label);
  }
  double y = PLOT_Y + PLOT_H - h;
  fprintf(f,
          "<rect x=\"%.1f\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"%s\"/>"
          "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"9\">%s</text>\n",
          x, y, BAR_W - 2, h, bar_colour[k], x + BAR_W / 2.0 - 1, y - 3, label);
}

/* One legend line per kernel: the names are too long to share a line. */
static void svg_legend(FILE *f, const struct matrix_bench_run **shown, int n)
{
  for (int k = 0; k < n; k++) {
    fprintf(f,
            "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>"
            "<text x=\"%d\" y=\"%d\">",
            PLOT_X, LEGEND_Y - 5 + k * 15, bar_colour[k], PLOT_X + 14, LEGEND_Y + 4 + k * 15);
    html_text(f, shown[k]->kernel);
    fputs("</text>\n", f);
  }
}

/* A group of bars per size eager measured, one bar per kernel shown. */
static void svg_chart(FILE *f, const struct matrix_bench_run **shown, int n, int col,
                      const char *title)
{
  const struct bench_table *eager = &shown[0]->table;
  int lo, hi, group = n * BAR_W + GROUP_GAP;
  decades(shown, n, col, &lo, &hi);
  svg_axes(f, title, n, eager->nrows, lo, hi);
  for (int i = 0; i < eager->nrows; i++) {
    double x0 = PLOT_X + i * group + GROUP_GAP / 2.0;
    for (int k = 0; k < n; k++) {
      const struct bench_row *r = bench_find(&shown[k]->table, eager->rows[i].size_mib);
      svg_bar(f, x0 + k * BAR_W, r, col, k, lo, hi);
    }
    fprintf(f, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d MiB</text>\n",
            x0 + n * BAR_W / 2.0, PLOT_Y + PLOT_H + 15, eager->rows[i].size_mib);
  }
  svg_legend(f, shown, n);
  fputs("</svg>\n", f);
}

/* The numbers behind the bars, laid out as in report.md. */
static void html_grid(FILE *f, const struct matrix_bench_grid *g)
{
  fputs("<table>\n<tr>", f);
  for (int c = 0; c < g->ncols; c++) {
    fprintf(f, "<th>%s", g->head[c]);
    if (g->head_kernel[c]) {
      fputs("<code>", f);
      html_text(f, g->head_kernel[c]);
      fputs("</code>", f);
    }
    fputs("</th>", f);
  }
  fputs("</tr>\n", f);
  for (int i = 0; i < g->nrows; i++) {
    fputs("<tr>", f);
    for (int c = 0; c < g->ncols; c++)
      fprintf(f, "<td>%s</td>", g->cell[i][c]);
    fputs("</tr>\n", f);
  }
  fputs("</table>\n", f);
}

static void html_bench_notes(FILE *f, const struct matrix_report *m)
{
  for (int k = 0; k < m->nbench; k++) {
    if (m->bench[k].ok)
      continue;
    fputs("<p class=\"bad\"><code>", f);
    html_text(f, m->bench[k].kernel);
    fputs("</code>: ", f);
    html_text(f, m->bench[k].note);
    fputs("</p>\n", f);
  }
}

static void html_bench(FILE *f, const struct matrix_report *m)
{
  static const char *const chart_title[] = {"fork + wait", "fork + exec",
                                            "fork + child writes every page"};
  const struct matrix_bench_run *shown[1 + MATRIX_MAX_COW];
  if (m->nbench < 2)
    return;
  fputs("<h2>forkbench: cycles per operation, eager against copy-on-write</h2>\n", f);
  html_bench_notes(f, m);
  int n = matrix_bench_shown(m, shown);
  if (!n)
    return;
  fputs("<p>ratio = eager cycles / that kernel's cycles, measured in this one matrix run; "
        "'-' = not measured (eager cannot fork a 64 MiB process on a 128 MiB machine). "
        "Log scale: each grid line is ten times the one below it.</p>\n<div>\n",
        f);
  for (int col = BENCH_FORK_WAIT; col <= BENCH_FORK_TOUCH; col++)
    svg_chart(f, shown, n, col, chart_title[col]);
  fputs("</div>\n", f);
  for (int col = 0; col < BENCH_NCOLS; col++) {
    struct matrix_bench_grid g;
    matrix_bench_grid(m, col, &g);
    fprintf(f, "<h3>%s</h3>\n", matrix_bench_title[col]);
    html_grid(f, &g);
  }
}

void matrix_write_html(FILE *f, const struct matrix_report *m)
{
  fputs("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Variant matrix</title>\n"
        "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
        "td,th{border:1px solid #aaa;padding:3px 6px;font-size:13px}"
        "td.ok{background:#eaf7ea}td.bad,p.bad{background:#f9d6d5;font-weight:bold}"
        ".alarm{border:4px solid #c0392b;padding:0 1em;margin:1em 0;background:#fdecea}"
        ".alarm h2{color:#c0392b}svg{margin-right:1em}</style></head><body>\n"
        "<h1>Variant matrix</h1>\n<p>Every row of <code>",
        f);
  html_text(f, m->table_path);
  fputs("</code> graded with <code>", f);
  html_text(f, m->rubric_path);
  char scope[RUBRIC_NAME_MAX + 64];
  matrix_scope_text(m, scope, sizeof scope);
  fputs("</code> (", f);
  html_text(f, scope);
  fprintf(f,
          "). A cell reads <em>expected: actual</em>: P must pass, F must fail, "
          "? may fail, - not graded. Wall time %.0f s.</p>\n",
          m->wall_s);
  html_alarm(f, m, true);
  html_alarm(f, m, false);
  html_table(f, m);
  html_bench(f, m);
  fputs("</body></html>\n", f);
}
