/* Score arithmetic: a check earns its points only if its run ended cleanly,
 * its parent (if any) passed, and every one of its conditions holds. */
#define _GNU_SOURCE
#include "grader/score.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grader/match.h"
#include "grader/symbolize.h"

const char *score_run_verdict_name(enum run_verdict v)
{
  switch (v) {
  case RUN_PASSED:
    return "completed";
  case RUN_EXITED:
    return "QEMU exited early";
  case RUN_PANIC:
    return "kernel panic";
  case RUN_TIMEOUT:
    return "timeout";
  case RUN_IDLE:
    return "hang: no output";
  case RUN_START_FAILED:
    return "QEMU failed to start";
  case RUN_INTERRUPTED:
    return "interrupted";
  case RUN_NOT_RUN:
    break;
  }
  return "not run";
}

const char *score_check_status_name(enum check_status s)
{
  switch (s) {
  case CHECK_PASSED:
    return "passed";
  case CHECK_FAILED:
    return "failed";
  case CHECK_SKIPPED:
    return "skipped";
  case CHECK_PARTIAL:
    return "partial";
  case CHECK_UNGRADED:
    break;
  }
  return "not graded";
}

static char *run_failure(const char *name, const struct run_result *run)
{
  char *s = NULL;
  if (asprintf(&s, "run %s: %s (log: %s)\n%s%s", name, score_run_verdict_name(run->verdict),
               run->log_path[0] ? run->log_path : "none", run->detail ? run->detail : "",
               run->backtraces ? run->backtraces : "") < 0)
    s = NULL;
  return s;
}

/* A check on a completed run: its section, then its conditions in order
 * (the first that fails explains the failure), then its partial credit. */
static void grade_conditions(const struct rubric_check *c, const struct match_console *mc,
                             const struct run_result *run, struct check_result *out)
{
  struct match_range range;
  const struct rubric_cond *partial = NULL;
  out->status = CHECK_FAILED;
  if (!match_section(c->section, mc, &range, &out->output))
    return;
  for (int k = 0; k < c->nconds; k++) {
    if (c->conds[k].kind == COND_PARTIAL)
      partial = &c->conds[k];
    else if (c->conds[k].kind == COND_BACKTRACE
                 ? !symbolize_cond(&c->conds[k], mc, range, run->kernel_path, &out->output)
                 : !match_cond(&c->conds[k], mc, range, &out->output))
      return;
  }
  double fraction = 1;
  int line = 0;
  if (partial && !match_partial(partial, mc, range, &fraction, &line, &out->output))
    return;
  out->score = c->points * fraction;
  out->status = fraction == 1 ? CHECK_PASSED : CHECK_PARTIAL;
  if (partial && fraction < 1 &&
      asprintf(&out->output, "partial credit from line %d: '%s': %g of %g points\n", line,
               mc->lines[line - 1].text, out->score, c->points) < 0)
    out->output = NULL;
}

static void grade_one(const struct rubric *r, int i, const struct run_result *run,
                      const struct match_console *mc, struct check_result *out)
{
  const struct rubric_check *c = &r->checks[i];
  if (c->parent >= 0 && out[c->parent].status != CHECK_PASSED) {
    out[i].status = CHECK_SKIPPED;
    if (asprintf(&out[i].output, "parent failed: %s", r->checks[c->parent].name) < 0)
      out[i].output = NULL;
    return;
  }
  if (run->verdict != RUN_PASSED) {
    out[i].status = CHECK_FAILED;
    out[i].output = run_failure(r->runs[c->run].name, run);
    return;
  }
  grade_conditions(c, mc, run, &out[i]);
  /* A failed check on a run whose kernel printed backtraces shows them
   * symbolized, whatever the check was about. */
  char *more = NULL;
  if (out[i].status == CHECK_FAILED && run->backtraces && out[i].output &&
      !strstr(out[i].output, "symbolized from") &&
      asprintf(&more, "%s%s", out[i].output, run->backtraces) >= 0) {
    free(out[i].output);
    out[i].output = more;
  }
}

void score_checks(const struct rubric *r, const struct run_result *runs, const bool *graded,
                  struct check_result *out)
{
  /* Each run's lines are split and their tags checked once, for all its checks. */
  struct match_console mc[r->nruns];
  for (int j = 0; j < r->nruns; j++)
    match_console_init(&mc[j], runs[j].output, runs[j].keyed ? runs[j].key : NULL);
  for (int i = 0; i < r->nchecks; i++) {
    memset(&out[i], 0, sizeof out[i]);
    if (graded[i])
      grade_one(r, i, &runs[r->checks[i].run], &mc[r->checks[i].run], out);
  }
  for (int j = 0; j < r->nruns; j++)
    match_console_free(&mc[j]);
}

struct score_total score_total(const struct rubric *r, const struct check_result *res)
{
  struct score_total t = {0};
  for (int i = 0; i < r->nchecks; i++) {
    if (res[i].status == CHECK_UNGRADED)
      continue;
    t.max_score += r->checks[i].points;
    t.score += res[i].score;
    t.passed += res[i].status == CHECK_PASSED;
    t.failed += res[i].status == CHECK_FAILED;
    t.skipped += res[i].status == CHECK_SKIPPED;
    t.partial += res[i].status == CHECK_PARTIAL;
  }
  return t;
}

void score_free(struct check_result *res, int n)
{
  for (int i = 0; i < n; i++) {
    free(res[i].output);
    res[i].output = NULL;
  }
}
