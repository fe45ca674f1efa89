/* TAP version 13 writer, so that `meson test` lists every check: one test
 * line per graded check, a YAML block with the failure's deciding lines and
 * its hint, "# SKIP" for checks whose parent failed, and a last test whose
 * name is the score. */
#include "grader/report.h"

#include <stdbool.h>
#include <string.h>

/* A description ends at a newline and a '#' would start a directive, so the
 * first becomes a space and the second is escaped as TAP asks. */
void report_tap_description(FILE *f, const char *s)
{
  for (; *s; s++) {
    if (*s == '#' || *s == '\\')
      fputc('\\', f);
    fputc(*s == '\n' || *s == '\r' ? ' ' : *s, f);
  }
}

/* A literal YAML block keeps any text verbatim once indented; only control
 * characters, which YAML forbids, are replaced. */
static void yaml_block(FILE *f, const char *key, const char *text)
{
  fprintf(f, "  %s: |\n", key);
  while (text && *text) {
    fputs("    ", f);
    for (; *text && *text != '\n'; text++) {
      unsigned char c = (unsigned char)*text;
      fputc(c < 0x20 && c != '\t' ? '?' : c == 0x7f ? '?' : c, f);
    }
    fputc('\n', f);
    if (*text == '\n')
      text++;
  }
}

void report_tap(FILE *f, const struct rubric *r, const struct check_result *res)
{
  int n = 0;
  for (int i = 0; i < r->nchecks; i++)
    n += res[i].status != CHECK_UNGRADED;
  /* One more test than checks: the score, so that `meson test -v` and
   * `--print-errorlogs` show it on a line of its own. */
  fprintf(f, "TAP version 13\n1..%d\n", n + 1);
  int number = 0;
  for (int i = 0; i < r->nchecks; i++) {
    const struct check_result *c = &res[i];
    if (c->status == CHECK_UNGRADED)
      continue;
    bool failed = c->status == CHECK_FAILED || c->status == CHECK_PARTIAL;
    fprintf(f, "%s %d - ", failed ? "not ok" : "ok", ++number);
    report_tap_description(f, r->checks[i].name);
    fprintf(f, " (%g/%g points)", c->score, r->checks[i].points);
    if (c->status == CHECK_SKIPPED) {
      fputs(" # SKIP ", f);
      report_tap_description(f, c->output ? c->output : "parent failed");
    }
    fputc('\n', f);
    if (failed) {
      fputs("  ---\n", f);
      yaml_block(f, "output", c->output);
      if (c->hint)
        yaml_block(f, "hint", c->hint);
      fputs("  ...\n", f);
    }
  }
  struct score_total t = score_total(r, res);
  fprintf(f, "%s %d - score %g/%g\n", t.score < t.max_score ? "not ok" : "ok", number + 1, t.score,
          t.max_score);
  fprintf(f, "# score: %g/%g\n", t.score, t.max_score);
  fflush(f);
}
