/* The matrix report in Markdown and the terminal summary. A cell reads
 * "EXPECTED: actual": P must pass, F must fail, ? may fail; a mismatch is in
 * bold with a cross, so it stands out in a long table. */
#define _GNU_SOURCE
#include "grader/matrix/report.h"

#include <string.h>

static const char expect_letter[] = {
    [EXPECT_PASS] = 'P', [EXPECT_FAIL] = 'F', [EXPECT_MAY_FAIL] = '?'};

void matrix_cell_text(const struct matrix_cell *c, char *buf, size_t len)
{
  if (!c->graded)
    snprintf(buf, len, "%c: -", expect_letter[c->expect]);
  else
    snprintf(buf, len, "%c: %s", expect_letter[c->expect], c->passed ? "pass" : "fail");
}

bool matrix_group_text(const struct matrix_report *m, const struct matrix_entry *e, int run,
                       char *buf, size_t len)
{
  int graded = 0, passed = 0, total = 0;
  bool match = true;
  for (int i = 0; i < e->row.ncells; i++) {
    if (m->rubric->checks[i].run != run)
      continue;
    total++;
    graded += e->row.cells[i].graded;
    passed += e->row.cells[i].passed;
    match = match && e->row.cells[i].match;
  }
  if (graded == 0)
    snprintf(buf, len, "not graded");
  else
    snprintf(buf, len, "%d/%d pass", passed, total);
  return match;
}

void matrix_mismatch_list(const struct matrix_report *m, const struct matrix_entry *e, bool passed,
                          char *buf, size_t len)
{
  size_t used = 0;
  buf[0] = '\0';
  for (int i = 0; i < e->row.ncells && used < len; i++) {
    const struct matrix_cell *c = &e->row.cells[i];
    if (c->match || c->passed != passed)
      continue;
    int n = snprintf(buf + used, len - used, "%s%s", used ? ", " : "", m->rubric->checks[i].name);
    used += n > 0 ? (size_t)n : 0;
  }
}

static void md_header(FILE *f, const struct matrix_report *m)
{
  const struct rubric *r = m->rubric;
  fprintf(f, "| variant | kind |");
  for (int i = 0; i < r->nchecks; i++)
    if (r->checks[i].run == 0)
      fprintf(f, " %s |", r->checks[i].name);
  for (int run = 1; run < r->nruns; run++)
    fprintf(f, " %s |", r->runs[run].name);
  fprintf(f, " verdict |\n|---|---|");
  for (int i = 0; i < r->nchecks; i++)
    fprintf(f, "%s", r->checks[i].run == 0 ? "---|" : "");
  for (int run = 1; run < r->nruns; run++)
    fprintf(f, "---|");
  fprintf(f, "---|\n");
}

static void md_row(FILE *f, const struct matrix_report *m, const struct matrix_entry *e)
{
  char cell[64];
  fprintf(f, "| `%s` | %s |", e->row.v->name, variants_kind_name(e->row.v->kind));
  for (int i = 0; i < e->row.ncells; i++) {
    if (m->rubric->checks[i].run != 0)
      continue;
    matrix_cell_text(&e->row.cells[i], cell, sizeof cell);
    fprintf(f, e->row.cells[i].match ? " %s |" : " **%s ✗** |", cell);
  }
  for (int run = 1; run < m->rubric->nruns; run++) {
    bool ok = matrix_group_text(m, e, run, cell, sizeof cell);
    fprintf(f, ok ? " %s |" : " **%s ✗** |", cell);
  }
  fprintf(f, " %s |\n",
          e->row.missing ? "**MISMATCH (not built)**"
          : e->row.match ? "MATCH"
                         : "**MISMATCH**");
}

/* The loud sections; nothing at all when every kernel behaved as promised. */
static void md_alarms(FILE *f, const struct matrix_report *m)
{
  char list[1024];
  bool missed = false, failed = false;
  for (int i = 0; i < m->nentries; i++) {
    missed = missed || matrix_missed_broken(&m->entries[i].row);
    failed = failed || matrix_failed_correct(&m->entries[i].row);
  }
  if (missed)
    fprintf(f, "\n## ‼ GRADER MISSED A BROKEN VARIANT ‼\n\nThese kernels are broken on "
               "purpose, yet passed checks that exist to catch them:\n\n");
  for (int i = 0; missed && i < m->nentries; i++) {
    const struct matrix_entry *e = &m->entries[i];
    matrix_mismatch_list(m, e, true, list, sizeof list);
    if (matrix_missed_broken(&e->row))
      fprintf(f, "- `%s` passed %s (logs: `%s`)\n", e->row.v->name, list, e->log_dir);
  }
  if (failed)
    fprintf(f, "\n## ‼ GRADER FAILED A CORRECT VARIANT ‼\n\nThese kernels are correct, yet "
               "failed checks (or were not built):\n\n");
  for (int i = 0; failed && i < m->nentries; i++) {
    const struct matrix_entry *e = &m->entries[i];
    matrix_mismatch_list(m, e, false, list, sizeof list);
    if (matrix_failed_correct(&e->row))
      fprintf(f, "- `%s` failed %s (logs: `%s`)\n", e->row.v->name,
              e->row.missing ? "everything: the kernel was not built" : list, e->log_dir);
  }
}

/* The grader's own words for each check that failed against the table,
 * cut to a few lines: the log holds the rest. */
static void md_reasons(FILE *f, const struct matrix_report *m, const struct matrix_entry *e)
{
  for (int i = 0; e->why && i < e->row.ncells; i++) {
    const struct matrix_cell *c = &e->row.cells[i];
    if (c->match || c->passed || !e->why[i])
      continue;
    fprintf(f, "\n  `%s`:\n\n  ```\n", m->rubric->checks[i].name);
    const char *s = e->why[i];
    for (int line = 0; *s && line < 12; line++) {
      size_t n = strcspn(s, "\n");
      fprintf(f, "  %.*s\n", (int)n, s);
      s += n + (s[n] == '\n');
    }
    fprintf(f, "  ```\n\n");
  }
}

static void md_details(FILE *f, const struct matrix_report *m)
{
  char list[1024];
  fprintf(f, "\n## Runs\n\n");
  for (int i = 0; i < m->nentries; i++) {
    const struct matrix_entry *e = &m->entries[i];
    fprintf(f, "- `%s` (line %d): %s; logs in `%s`\n", e->row.v->name, e->row.v->line, e->runs,
            e->log_dir);
    for (int pass = 1; pass >= 0; pass--) {
      matrix_mismatch_list(m, e, pass, list, sizeof list);
      if (list[0])
        fprintf(f, "  - %s although the table says %s: %s\n", pass ? "passed" : "failed",
                pass ? "must fail" : "must pass", list);
    }
    md_reasons(f, m, e);
  }
}

void matrix_scope_text(const struct matrix_report *m, char *buf, size_t len)
{
  const struct rubric *r = m->rubric;
  const char *first = r && r->nruns > 0 ? r->runs[0].name : "(none)";
  if (m->full && r && r->nruns > 1)
    snprintf(buf, len, "run %s on every row, every run on the correct rows", first);
  else
    snprintf(buf, len, "run %s only", first);
}

void matrix_write_markdown(FILE *f, const struct matrix_report *m)
{
  char scope[RUBRIC_NAME_MAX + 64];
  matrix_scope_text(m, scope, sizeof scope);
  fprintf(f,
          "# Variant matrix\n\nEvery row of `%s`, graded with `%s` (%s), against what "
          "the table expects. A cell reads *expected: actual*; P must pass, F must fail, "
          "? may fail, `-` not graded. Wall time %.0f s.\n\n",
          m->table_path, m->rubric_path, scope, m->wall_s);
  md_header(f, m);
  for (int i = 0; i < m->nentries; i++)
    md_row(f, m, &m->entries[i]);
  md_alarms(f, m);
  md_details(f, m);
  matrix_bench_markdown(f, m);
}

int matrix_summary(FILE *f, const struct matrix_report *m)
{
  int bad = 0;
  char list[1024];
  for (int i = 0; i < m->nentries; i++) {
    const struct matrix_entry *e = &m->entries[i];
    bad += !e->row.match;
    fprintf(f, "%-32s %-8s %s\n", e->row.v->name, variants_kind_name(e->row.v->kind),
            e->row.missing ? "MISMATCH: kernel not built"
            : e->row.match ? "MATCH"
                           : "MISMATCH");
    for (int pass = 1; pass >= 0 && !e->row.match; pass--) {
      matrix_mismatch_list(m, e, pass, list, sizeof list);
      if (list[0])
        fprintf(f, "    %s, but must %s: %s\n", pass ? "passed" : "failed", pass ? "fail" : "pass",
                list);
    }
    if (matrix_missed_broken(&e->row))
      fprintf(f, "    GRADER MISSED A BROKEN VARIANT\n");
    if (matrix_failed_correct(&e->row))
      fprintf(f, "    GRADER FAILED A CORRECT VARIANT\n");
  }
  fprintf(f, "matrix: %d of %d kernels match the table\n", m->nentries - bad, m->nentries);
  return bad;
}
