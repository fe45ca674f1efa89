/* Gradescope's results.json for one submission (results.h). Field names are
 * Gradescope's documented ones: score, execution_time, output,
 * stdout_visibility, and per test name, score, max_score, status, output and
 * visibility; max_score at the top is ours, for the class CSV. */
#include "grader/class/results.h"
#include "grader/report.h"

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
  report_json_string(f, output);
  fputs(",\n  \"stdout_visibility\": \"visible\",\n  \"tests\": [", f);
  for (int i = 0; i < r->nchecks; i++) {
    int passed = res && res[i].status == CHECK_PASSED;
    fprintf(f, "%s\n    {\"name\": ", i ? "," : "");
    report_json_string(f, r->checks[i].name);
    fprintf(f, ", \"score\": %g, \"max_score\": %g, \"status\": \"%s\", \"output\": ",
            res ? res[i].score : 0, r->checks[i].points, passed ? "passed" : "failed");
    report_json_string(f, res ? (res[i].output ? res[i].output : "") : why);
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
