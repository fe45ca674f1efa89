/* Human-readable reports: progress while runs go on, then the score table
 * and, for every failed check, the log to open and the lines that decided. */
#define _GNU_SOURCE
#include "grader/report.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "grader/quote.h"

void report_progress(FILE *f, int started, int total, const char *run, double elapsed,
                     const char *typed)
{
  fprintf(f, "\r\033[K[run %d of %d] %s %.1fs %s%.50s", started, total, run, elapsed,
          typed ? "$ " : "booting", typed ? typed : "");
  fflush(f);
}

void report_clear_progress(FILE *f)
{
  fputs("\r\033[K", f);
  fflush(f);
}

void report_run_started(FILE *f, int started, int total, const char *run)
{
  fprintf(f, "run %d of %d: %s\n", started, total, run);
  fflush(f);
}

void report_run_done(FILE *f, const char *run, const struct run_result *res)
{
  fprintf(f, "run %s: %s in %.2fs, longest silence %.2fs", run,
          score_run_verdict_name(res->verdict), res->elapsed, res->silence);
  if (res->silence_line > 0)
    fprintf(f, " before line %d", res->silence_line);
  if (res->verdict == RUN_PANIC || res->verdict == RUN_IDLE)
    fprintf(f, ", verdict %.1f ms after the %s", res->latency * 1000,
            res->verdict == RUN_PANIC ? "panic line" : "idle limit");
  fprintf(f, " (log: %s)\n", res->log_path);
  fflush(f);
}

void report_list(FILE *f, const struct rubric *r)
{
  for (int i = 0; i < r->nruns; i++) {
    fprintf(f, "run %s (timeout %gs, idle %gs)\n", r->runs[i].name, r->runs[i].timeout_s,
            r->runs[i].idle_s);
    for (int j = 0; j < r->runs[i].ncommands; j++)
      fprintf(f, "    $ %s\n", r->runs[i].commands[j]);
    for (int k = 0; k < r->nchecks; k++) {
      const struct rubric_check *c = &r->checks[k];
      if (c->run != i)
        continue;
      fprintf(f, "  check %-28s %5g points", c->name, c->points);
      if (c->parent >= 0)
        fprintf(f, "  (depends on %s)", r->checks[c->parent].name);
      if (c->section)
        fprintf(f, "  (section /%s/%s%s%s)", c->section->start_pattern,
                c->section->end_pattern ? " .. /" : "",
                c->section->end_pattern ? c->section->end_pattern : "",
                c->section->end_pattern ? "/" : "");
      fputc('\n', f);
    }
  }
}

static void indent(FILE *f, const char *text)
{
  for (const char *p = text; p && *p;) {
    size_t n = strcspn(p, "\n");
    fprintf(f, "    %.*s\n", (int)n, p);
    p += n + (p[n] == '\n');
  }
}

/* A hint is a paragraph: wrapped at about 76 columns under "hint: ". */
static void print_hint(FILE *f, const char *hint)
{
  const char *p = hint;
  int col = fprintf(f, "    hint:");
  while (*p) {
    size_t n = strcspn(p, " ");
    if (col + 1 + (int)n > 80 && col > 10)
      col = fprintf(f, "\n         ") - 1;
    col += fprintf(f, " %.*s", (int)n, p);
    p += n;
    p += strspn(p, " ");
  }
  fputc('\n', f);
}

/* A run's last lines, or how it ended, are the same for every check of the
 * run: quote them for its first failed check only. */
static void report_failures(FILE *f, const struct rubric *r, const struct run_result *runs,
                            const struct check_result *res)
{
  static const char tail_mark[] = "the run's last lines were:";
  bool quoted[r->nruns];
  memset(quoted, 0, sizeof quoted);
  for (int i = 0; i < r->nchecks; i++) {
    bool partial = res[i].status == CHECK_PARTIAL;
    if ((res[i].status != CHECK_FAILED && !partial) || !res[i].output)
      continue;
    int run = r->checks[i].run;
    fprintf(f, "\n%s %s (log: %s)\n", partial ? "PARTIAL" : "FAILED", r->checks[i].name,
            runs[run].log_path);
    const char *cut = NULL;
    if (quoted[run] && runs[run].verdict != RUN_PASSED)
      cut = strchr(res[i].output, '\n');
    else if (quoted[run])
      cut = strstr(res[i].output, tail_mark);
    if (!cut) {
      indent(f, res[i].output);
    } else {
      char *head = strndup(res[i].output, (size_t)(cut - res[i].output));
      indent(f, head);
      fprintf(f, "    (run %s's last lines are quoted above)\n", r->runs[run].name);
      free(head);
    }
    if (res[i].hint)
      print_hint(f, res[i].hint);
    quoted[run] = true;
  }
}

/* The report's last lines, what a terminal still shows when grading ends:
 * each check that lost points with the first line of its reason, then the
 * score. */
static void report_summary(FILE *f, const struct rubric *r, const struct check_result *res)
{
  struct score_total t = score_total(r, res);
  if (t.failed + t.partial > 0)
    fputs("\n", f);
  for (int i = 0; i < r->nchecks; i++) {
    if (res[i].status != CHECK_FAILED && res[i].status != CHECK_PARTIAL)
      continue;
    const char *why = res[i].output ? res[i].output : "";
    fprintf(f, "%s %s (%g/%g): ", res[i].status == CHECK_PARTIAL ? "partial" : "failed",
            r->checks[i].name, res[i].score, r->checks[i].points);
    quote_line(f, -1, why, strcspn(why, "\n"));
  }
  fprintf(f, "score: %g/%g (%d passed, %d failed, %d skipped", t.score, t.max_score, t.passed,
          t.failed, t.skipped);
  if (t.partial)
    fprintf(f, ", %d partial", t.partial);
  fputs(")\n", f);
}

void report_table(FILE *f, const struct rubric *r, const struct run_result *runs,
                  const struct check_result *res)
{
  fprintf(f, "\n%-30s %-14s %-12s %s\n", "check", "run", "points", "result");
  for (int i = 0; i < r->nchecks; i++) {
    if (res[i].status == CHECK_UNGRADED)
      continue;
    char pts[32];
    snprintf(pts, sizeof pts, "%g/%g", res[i].score, r->checks[i].points);
    bool skipped = res[i].status == CHECK_SKIPPED && res[i].output;
    fprintf(f, "%-30s %-14s %-12s %s%s%s%s\n", r->checks[i].name, r->runs[r->checks[i].run].name,
            pts, score_check_status_name(res[i].status), skipped ? " (" : "",
            skipped ? res[i].output : "", skipped ? ")" : "");
  }
  report_end(f, r, runs, res);
}

void report_end(FILE *f, const struct rubric *r, const struct run_result *runs,
                const struct check_result *res)
{
  report_failures(f, r, runs, res);
  report_summary(f, r, res);
}
