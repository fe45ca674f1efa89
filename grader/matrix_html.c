/* The matrix report as one self-contained HTML page: the verdict table, the
 * alarms, and forkbench's eager-against-cow cycles drawn as inline SVG bar
 * charts on a log scale (the ratios are tens to thousands). No script. */
#define _GNU_SOURCE
#include <math.h>
#include <string.h>

#include "grader/matrix_report.h"

enum { CHART_W = 330, CHART_H = 255, PLOT_X = 50, PLOT_Y = 30, PLOT_W = 270, PLOT_H = 170 };
static const char *const bar_colour[2] = {"#c0392b", "#2471a3"};

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
    fprintf(f, "<tr><td><code>%s</code></td><td>%s</td>", e->row.v->kernel,
            variant_kind_name(e->row.v->kind));
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
    fprintf(f, "<li><code>%s</code> %s %s (logs: <code>", e->row.v->kernel,
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
static void decades(const struct matrix_report *m, int col, int *lo, int *hi)
{
  double min = 1e300, max = 1;
  for (int k = 0; k < 2; k++)
    for (int i = 0; i < m->bench[k].table.nrows; i++) {
      const struct bench_row *r = &m->bench[k].table.rows[i];
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

static void svg_axes(FILE *f, const char *title, int lo, int hi)
{
  fprintf(f,
          "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
          "font-family=\"sans-serif\" font-size=\"11\">\n"
          "<text x=\"%d\" y=\"16\" font-size=\"13\" font-weight=\"bold\">%s</text>\n",
          CHART_W, CHART_H, PLOT_X, title);
  for (int d = lo; d <= hi; d++) {
    double y = PLOT_Y + PLOT_H - (double)(d - lo) / (hi - lo) * PLOT_H;
    fprintf(f,
            "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>"
            "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">1e%d</text>\n",
            PLOT_X, y, PLOT_X + PLOT_W, y, PLOT_X - 4, y + 4, d);
  }
}

static void svg_chart(FILE *f, const struct matrix_report *m, int col, const char *title)
{
  int lo, hi, n = m->bench[0].table.nrows;
  decades(m, col, &lo, &hi);
  svg_axes(f, title, lo, hi);
  double group = (double)PLOT_W / (n > 0 ? n : 1), bar = group * 0.35;
  for (int i = 0; i < n; i++) {
    double x0 = PLOT_X + i * group + group * 0.15;
    for (int k = 0; k < 2; k++) {
      const struct bench_row *r = &m->bench[k].table.rows[i];
      double h = 0;
      char label[32] = "-";
      if (i < m->bench[k].table.nrows && r->have[col] && r->value[col] > 0) {
        h = fmax(0, (log10(r->value[col]) - lo) / (hi - lo) * PLOT_H);
        short_number(r->value[col], label, sizeof label);
      }
      double x = x0 + k * bar, y = PLOT_Y + PLOT_H - h;
      fprintf(f,
              "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>"
              "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"9\">%s</text>\n",
              x, y, bar - 2, h, bar_colour[k], x + bar / 2 - 1, y - 3, label);
    }
    fprintf(f, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d MiB</text>\n", x0 + bar,
            PLOT_Y + PLOT_H + 15, m->bench[0].table.rows[i].size_mib);
  }
  /* One legend line per kernel: the names are too long to share a line. */
  for (int k = 0; k < 2; k++)
    fprintf(f,
            "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>"
            "<text x=\"%d\" y=\"%d\">%s</text>\n",
            PLOT_X, CHART_H - 30 + k * 15, bar_colour[k], PLOT_X + 14, CHART_H - 21 + k * 15,
            m->bench[k].kernel);
  fputs("</svg>\n", f);
}

/* The numbers behind the bars, with the eager/cow ratio of each. */
static void html_bench_table(FILE *f, const struct matrix_report *m)
{
  static const char *const heads[BENCH_NCOLS] = {"fork+wait", "fork+exec", "fork+touch",
                                                 "pages copied per fork+exec"};
  fputs("<table>\n<tr><th>MiB</th>", f);
  for (int col = 0; col < BENCH_NCOLS; col++)
    fprintf(f, "<th>%s eager</th><th>%s cow</th>%s", heads[col], heads[col],
            col == BENCH_COPIED_EXEC ? "" : "<th>eager/cow</th>");
  fputs("</tr>\n", f);
  const struct bench_table *a = &m->bench[0].table, *b = &m->bench[1].table;
  for (int i = 0; i < a->nrows && i < b->nrows; i++) {
    fprintf(f, "<tr><td>%d</td>", a->rows[i].size_mib);
    for (int col = 0; col < BENCH_NCOLS; col++) {
      const struct bench_row *x = &a->rows[i], *y = &b->rows[i];
      for (int k = 0; k < 2; k++)
        (k ? y : x)->have[col] ? fprintf(f, "<td>%.0f</td>", (k ? y : x)->value[col])
                               : fprintf(f, "<td>-</td>");
      if (col == BENCH_COPIED_EXEC)
        continue; /* a ratio of page counts near zero says nothing */
      if (x->have[col] && y->have[col] && y->value[col] > 0)
        fprintf(f, "<td>%.1fx</td>", x->value[col] / y->value[col]);
      else
        fputs("<td>-</td>", f);
    }
    fputs("</tr>\n", f);
  }
  fputs("</table>\n", f);
}

static void html_bench(FILE *f, const struct matrix_report *m)
{
  if (m->nbench < 2)
    return;
  fputs("<h2>forkbench: cycles per operation, eager against copy-on-write</h2>\n", f);
  for (int k = 0; k < 2; k++) {
    if (!m->bench[k].ok) {
      fprintf(f, "<p class=\"bad\"><code>%s</code>: ", m->bench[k].kernel);
      html_text(f, m->bench[k].note);
      fputs("</p>\n", f);
    }
  }
  if (!m->bench[0].ok || !m->bench[1].ok)
    return;
  fputs("<p>Log scale: each grid line is ten times the one below it.</p>\n<div>\n", f);
  svg_chart(f, m, BENCH_FORK_WAIT, "fork + wait");
  svg_chart(f, m, BENCH_FORK_EXEC, "fork + exec");
  svg_chart(f, m, BENCH_FORK_TOUCH, "fork + child writes every page");
  fputs("</div>\n", f);
  html_bench_table(f, m);
}

void matrix_write_html(FILE *f, const struct matrix_report *m)
{
  fputs("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Variant matrix</title>\n"
        "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
        "td,th{border:1px solid #aaa;padding:3px 6px;font-size:13px}"
        "td.ok{background:#eaf7ea}td.bad,p.bad{background:#f9d6d5;font-weight:bold}"
        ".alarm{border:4px solid #c0392b;padding:0 1em;margin:1em 0;background:#fdecea}"
        ".alarm h2{color:#c0392b}svg{margin-right:1em}</style></head><body>\n"
        "<h1>Variant matrix</h1>\n<p>Every kernel of <code>",
        f);
  html_text(f, m->table_path);
  fputs("</code> graded with <code>", f);
  html_text(f, m->rubric_path);
  fprintf(f,
          "</code> (%s). A cell reads <em>expected: actual</em>: P must pass, F must fail, "
          "? may fail, - not graded. Wall time %.0f s.</p>\n",
          m->full ? "cowtest on all, usertests on the correct ones" : "cowtest only", m->wall_s);
  html_alarm(f, m, true);
  html_alarm(f, m, false);
  html_table(f, m);
  html_bench(f, m);
  fputs("</body></html>\n", f);
}
