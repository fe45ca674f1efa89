/* JSON writer for the results format Gradescope reads: score, max_score
 * and one entry per graded check. Console text may hold any bytes, so
 * strings are escaped and invalid UTF-8 becomes U+FFFD. */
#include "grader/report.h"

#include <stdlib.h>
#include <string.h>

/* Length of the valid UTF-8 sequence at s, or 0 if it is not one. */
static int utf8_length(const unsigned char *s)
{
  if (s[0] > 0xf4)
    return 0;
  int n = s[0] >= 0xf0 ? 4 : s[0] >= 0xe0 ? 3 : s[0] >= 0xc2 ? 2 : 0;
  for (int i = 1; i < n; i++)
    if ((s[i] & 0xc0) != 0x80)
      return 0;
  /* Overlong three- and four-byte forms and UTF-16 surrogates are invalid. */
  if ((n == 3 && s[0] == 0xe0 && s[1] < 0xa0) || (n == 3 && s[0] == 0xed && s[1] >= 0xa0) ||
      (n == 4 && s[0] == 0xf0 && s[1] < 0x90) || (n == 4 && s[0] == 0xf4 && s[1] >= 0x90))
    return 0;
  return n;
}

void report_json_string(FILE *f, const char *str)
{
  const unsigned char *s = (const unsigned char *)(str ? str : "");
  fputc('"', f);
  while (*s) {
    if (*s == '"' || *s == '\\') {
      fprintf(f, "\\%c", *s++);
    } else if (*s == '\n') {
      fputs("\\n", f), s++;
    } else if (*s == '\t') {
      fputs("\\t", f), s++;
    } else if (*s < 0x20 || *s == 0x7f) {
      fprintf(f, "\\u%04x", *s++);
    } else if (*s < 0x80) {
      fputc(*s++, f);
    } else {
      int n = utf8_length(s);
      if (n == 0) {
        fputs("\\ufffd", f), s++;
      } else {
        fwrite(s, 1, (size_t)n, f);
        s += n;
      }
    }
  }
  fputc('"', f);
}

/* A check's output with its hint after it, as one JSON string: Gradescope
 * shows a test's output and nothing else of it. */
static void report_json_hinted(FILE *f, const char *output, const char *hint)
{
  if (!hint) {
    report_json_string(f, output);
    return;
  }
  char *both = NULL;
  size_t len = 0;
  FILE *m = open_memstream(&both, &len);
  fprintf(m, "%s%shint: %s\n", output ? output : "",
          output && *output && output[strlen(output) - 1] != '\n' ? "\n" : "", hint);
  fclose(m);
  report_json_string(f, both);
  free(both);
}

static const char *gradescope_status(enum check_status s)
{
  return s == CHECK_PASSED ? "passed" : "failed";
}

/* How each run ended, its time and its longest silence (what the idle
 * limit is measured from) with the line that ended it (0: the run's end),
 * under Gradescope's free-form "extra_data". */
static void json_runs(FILE *f, const struct rubric *r, const struct run_result *runs)
{
  const char *sep = "\n";
  fputs(",\n  \"extra_data\": {\"runs\": [", f);
  for (int i = 0; i < r->nruns; i++) {
    if (runs[i].verdict == RUN_NOT_RUN)
      continue;
    fprintf(f, "%s    {\"name\": ", sep);
    report_json_string(f, r->runs[i].name);
    fputs(", \"verdict\": ", f);
    report_json_string(f, score_run_verdict_name(runs[i].verdict));
    fprintf(f, ", \"elapsed\": %.3f, \"longest_silence\": %.3f, \"silence_before_line\": %d}",
            runs[i].elapsed, runs[i].silence, runs[i].silence_line);
    sep = ",\n";
  }
  fputs("\n  ]}", f);
}

void report_json(FILE *f, const struct rubric *r, const struct run_result *runs,
                 const struct check_result *res)
{
  struct score_total t = score_total(r, res);
  fprintf(f, "{\n  \"score\": %g,\n  \"max_score\": %g,\n  \"tests\": [", t.score, t.max_score);
  const char *sep = "\n";
  for (int i = 0; i < r->nchecks; i++) {
    if (res[i].status == CHECK_UNGRADED)
      continue;
    fprintf(f, "%s    {\"name\": ", sep);
    report_json_string(f, r->checks[i].name);
    fprintf(f, ", \"score\": %g, \"max_score\": %g, \"status\": \"%s\", \"output\": ", res[i].score,
            r->checks[i].points, gradescope_status(res[i].status));
    report_json_hinted(f, res[i].output, res[i].hint);
    fputc('}', f);
    sep = ",\n";
  }
  fputs("\n  ]", f);
  if (runs)
    json_runs(f, r, runs);
  fputs("\n}\n", f);
  fflush(f);
}
