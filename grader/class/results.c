/* Gradescope's results.json for one submission (results.h). Field names are
 * Gradescope's documented ones: score, execution_time, output,
 * stdout_visibility, and per test name, score, max_score, status, output and
 * visibility; max_score at the top is ours, for the class CSV. */
#define _GNU_SOURCE
#include "grader/class/results.h"
#include "grader/report.h"

#include <stdlib.h>
#include <string.h>

char *class_cap_text(const char *text, size_t max_bytes, int max_lines, size_t line_max)
{
  char *out = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&out, &len);
  int lines = 0;
  const char *p = text;
  while (*p) {
    size_t n = strcspn(p, "\n");
    if (lines == max_lines || len + (n < line_max ? n : line_max) + 64 > max_bytes) {
      int more_lines = 0;
      for (const char *q = p; *q; q++)
        more_lines += *q == '\n' || q[1] == '\0';
      fprintf(f, "... (%d more lines not shown)\n", more_lines);
      break;
    }
    const char *eol = p[n] == '\n' ? "\n" : "";
    if (n > line_max)
      fprintf(f, "%.*s... (%zu more bytes on this line)%s", (int)line_max, p, n - line_max, eol);
    else
      fprintf(f, "%.*s%s", (int)n, p, eol);
    fflush(f);
    lines++;
    p += n + (p[n] == '\n');
  }
  fclose(f);
  return out;
}

/* Escaped as JSON a byte takes at most six (\u00XX), so these raw budgets
 * keep results.json under 1 MB whatever the console or the notes held. */
static void capped_json(FILE *f, const char *text, size_t max_bytes)
{
  char *capped = class_cap_text(text, max_bytes, CLASS_RESULT_LINES, CLASS_RESULT_LINE_MAX);
  report_json_string(f, capped ? capped : "");
  free(capped);
}

void class_write_results(FILE *f, const struct rubric *r, const struct check_result *res,
                         const char *why, const char *output, double seconds,
                         const struct manifest *m)
{
  double score = 0, max = 0;
  for (int i = 0; i < r->nchecks; i++) {
    max += r->checks[i].points;
    score += res ? res[i].score : 0;
  }
  fprintf(f, "{\n  \"score\": %g,\n  \"max_score\": %g,\n  \"execution_time\": %.0f,\n", score, max,
          seconds);
  fputs("  \"output\": ", f);
  capped_json(f, output, CLASS_OUTPUT_MAX);
  size_t per_check = CLASS_CHECKS_MAX / (size_t)(r->nchecks ? r->nchecks : 1);
  if (per_check > CLASS_CHECK_MAX)
    per_check = CLASS_CHECK_MAX;
  fputs(",\n  \"stdout_visibility\": \"visible\",\n  \"tests\": [", f);
  for (int i = 0; i < r->nchecks; i++) {
    int passed = res && res[i].status == CHECK_PASSED;
    fprintf(f, "%s\n    {\"name\": ", i ? "," : "");
    report_json_string(f, r->checks[i].name);
    fprintf(f, ", \"score\": %g, \"max_score\": %g, \"status\": \"%s\", \"output\": ",
            res ? res[i].score : 0, r->checks[i].points, passed ? "passed" : "failed");
    capped_json(f, res ? (res[i].output ? res[i].output : "") : why, per_check);
    fputs(", \"visibility\": ", f);
    report_json_string(f, manifest_visibility_of(m, r->checks[i].name));
    fputc('}', f);
  }
  fputs("\n  ]\n}\n", f);
}

void class_write_summary(FILE *f, const struct rubric *r, const struct check_result *res)
{
  double score = 0, max = 0;
  for (int i = 0; i < r->nchecks; i++) {
    max += r->checks[i].points;
    score += res ? res[i].score : 0;
  }
  fprintf(f, "%g,%g", score, max);
  for (int i = 0; i < r->nchecks; i++)
    fprintf(f, ",%g", res ? res[i].score : 0);
  fputc('\n', f);
}
