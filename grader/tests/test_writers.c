/* Tests of the TAP and JSON writers: counts and directives that `meson test`
 * reads, and escaping of arbitrary console text (quotes, control bytes,
 * invalid UTF-8) so the output stays well-formed. */
#define _GNU_SOURCE
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "grader/report.h"

static char err[512];

/* Captures what a writer prints into a string. */
#define CAPTURE(out, call)                                                                         \
  do {                                                                                             \
    size_t len_;                                                                                   \
    FILE *f = open_memstream(&(out), &len_);                                                       \
    call;                                                                                          \
    fclose(f);                                                                                     \
  } while (0)

static char *json_string(const char *s)
{
  char *out;
  CAPTURE(out, report_json_string(f, s));
  return out;
}

Test(json, strings_escape_quotes_backslashes_and_control_bytes)
{
  char *s = json_string("say \"hi\"\\ \n\tend\x01\x7f");
  cr_assert_str_eq(s, "\"say \\\"hi\\\"\\\\ \\n\\tend\\u0001\\u007f\"");
  free(s);
}

Test(json, valid_utf8_passes_and_invalid_bytes_become_replacement)
{
  char *s = json_string("caf\xc3\xa9 \xe2\x82\xac");
  cr_assert_str_eq(s, "\"caf\xc3\xa9 \xe2\x82\xac\"");
  free(s);
  s = json_string("a\xff"
                  "b\xc3"
                  "c\xe0\x80\x80"
                  "d\xed\xa0\x80");
  cr_assert_str_eq(s, "\"a\\ufffdb\\ufffdc\\ufffd\\ufffd\\ufffdd\\ufffd\\ufffd\\ufffd\"");
  free(s);
}

static struct rubric sample(void)
{
  struct rubric r;
  cr_assert_eq(rubric_parse(&r, "t",
                            "run a\n"
                            "check good 2.5\n  expect: x\n"
                            "check bad 5\n  expect: y\n"
                            "check child 1\n  depends on bad\n  expect: x\n"
                            "check ignored 9\n  expect: x\n",
                            err, sizeof err),
               0, "%s", err);
  return r;
}

static struct check_result results[4] = {
    {.status = CHECK_PASSED, .score = 2.5},
    {.status = CHECK_FAILED, .output = "expected \"y\" # here\n  line 3: \x1b[0m\\ \xff"},
    {.status = CHECK_SKIPPED, .output = "parent failed: bad"},
    {.status = CHECK_UNGRADED},
};

Test(tap, one_test_per_graded_check_with_yaml_and_skip)
{
  struct rubric r = sample();
  char *out;
  CAPTURE(out, report_tap(f, &r, results));
  cr_assert(strstr(out, "TAP version 13\n1..4\n"), "%s", out);
  cr_assert(strstr(out, "\nok 1 - good (2.5/2.5 points)\n"), "%s", out);
  cr_assert(strstr(out, "\nnot ok 2 - bad (0/5 points)\n  ---\n  output: |\n"
                        "    expected \"y\" # here\n      line 3: ?[0m\\ \xff\n  ...\n"),
            "%s", out);
  cr_assert(strstr(out, "\nok 3 - child (0/1 points) # SKIP parent failed: bad\n"), "%s", out);
  cr_assert_null(strstr(out, "ignored"), "ungraded checks are not TAP tests");
  cr_assert(strstr(out, "\nnot ok 4 - score 2.5/8.5\n# score: 2.5/8.5\n"), "%s", out);
  free(out);
  rubric_free(&r);
}

Test(tap, descriptions_escape_hash_and_fold_newlines)
{
  char *out;
  CAPTURE(out, report_tap_description(f, "a#b\\c\nd"));
  cr_assert_str_eq(out, "a\\#b\\\\c d");
  free(out);
}

/* Python's json module is in every build environment (Meson needs it) and
 * is a strict parser: the document must load and carry the right numbers. */
Test(json, results_document_is_valid_gradescope_json)
{
  struct rubric r = sample();
  char path[] = "/tmp/grader-json-XXXXXX";
  int fd = mkstemp(path);
  FILE *f = fdopen(fd, "w");
  report_json(f, &r, NULL, results);
  fclose(f);
  char cmd[512];
  snprintf(cmd, sizeof cmd,
           "python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); "
           "assert d[\"score\"]==2.5 and d[\"max_score\"]==8.5, d; t=d[\"tests\"]; "
           "assert [x[\"name\"] for x in t]==[\"good\",\"bad\",\"child\"], t; "
           "assert [x[\"status\"] for x in t]==[\"passed\",\"failed\",\"failed\"], t; "
           "assert t[1][\"output\"].startswith(\"expected \\\"y\\\" # here\"), t; "
           "assert t[2][\"output\"]==\"parent failed: bad\", t; "
           "assert t[0][\"max_score\"]==2.5 and t[1][\"score\"]==0, t' %s",
           path);
  cr_assert_eq(system(cmd), 0, "python3 rejected or disagreed with %s", path);
  unlink(path);
  rubric_free(&r);
}

/* A partial check keeps its points but is not a pass: TAP says not ok with
 * its score and why, JSON gives score below max_score and "failed". */
Test(tap, a_partial_check_is_not_ok_with_its_points)
{
  struct rubric r;
  cr_assert_eq(
      rubric_parse(&r, "t", "run a\ncheck p 8\n  partial: s ([0-9]+)/([0-9]+)\n", err, sizeof err),
      0, "%s", err);
  struct check_result res[1] = {
      {.status = CHECK_PARTIAL, .score = 6, .output = "partial credit from line 1: 's 3/4'"}};
  char *out;
  CAPTURE(out, report_tap(f, &r, res));
  cr_assert(strstr(out, "\nnot ok 1 - p (6/8 points)\n  ---\n  output: |\n"
                        "    partial credit from line 1: 's 3/4'\n"),
            "%s", out);
  free(out);
  CAPTURE(out, report_json(f, &r, NULL, res));
  cr_assert(strstr(out, "{\"name\": \"p\", \"score\": 6, \"max_score\": 8, \"status\": \"failed\""),
            "%s", out);
  free(out);
  rubric_free(&r);
}

/* The hint follows the reason in every writer; the human report ends with
 * each check that lost points and its reason, then the score. */
Test(report, a_failed_checks_hint_follows_its_reason_and_the_report_ends_with_the_score)
{
  struct rubric r = sample();
  struct run_result runs[1] = {{.verdict = RUN_PASSED, .log_path = "logs/a.log"}};
  struct check_result res[4];
  memcpy(res, results, sizeof res);
  res[1].hint = "the classic mistake; read the handout's section 3";
  char *out;
  CAPTURE(out, report_tap(f, &r, res));
  cr_assert(
      strstr(out, "  hint: |\n    the classic mistake; read the handout's section 3\n  ...\n"),
      "%s", out);
  free(out);
  CAPTURE(out, report_json(f, &r, NULL, res));
  cr_assert(strstr(out, "here\\n  line 3: \\u001b[0m\\\\ \\ufffd\\nhint: the classic mistake"),
            "%s", out);
  free(out);
  CAPTURE(out, report_table(f, &r, runs, res));
  cr_assert(strstr(out, "\nFAILED bad (log: logs/a.log)\n    expected \"y\" # here\n"), "%s", out);
  cr_assert(strstr(out, "    hint: the classic mistake; read the handout's section 3\n"), "%s",
            out);
  const char *end = "\nfailed bad (0/5): expected \"y\" # here\n"
                    "score: 2.5/8.5 (1 passed, 1 failed, 1 skipped)\n";
  size_t n = strlen(out), m = strlen(end);
  cr_assert(n > m && strcmp(out + n - m, end) == 0, "the report does not end with:\n%s\n%s", end,
            out);
  free(out);
  rubric_free(&r);
}
