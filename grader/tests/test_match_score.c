/* Tests of the matcher, the console transcript (prompts and panics) and the
 * score arithmetic, dependencies and run verdicts included. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "grader/console.h"
#include "grader/match.h"
#include "grader/rubric.h"
#include "grader/score.h"

static char err[512];

static struct rubric parse(const char *text)
{
  struct rubric r;
  cr_assert_eq(rubric_parse(&r, "t", text, err, sizeof err), 0, "%s", err);
  return r;
}

static const char transcript[] = "boot\n$ echo hi | wc\n      1 1 3\n$ ls\nREADME 2 2 10\n"
                                 "sh 2 3 20\n$ forktest\nfork test OK\n$ ";

Test(match, anchors_apply_to_each_line_and_counts_are_per_line)
{
  struct rubric r = parse("run a\ncheck c 1\n  expect: ^[A-Za-z]+ 2 [0-9]+ [0-9]+$\n");
  cr_assert_eq(match_count(&r.checks[0].conds[0].re, transcript), 2);
  cr_assert_eq(match_count(&r.checks[0].conds[0].re, ""), 0);
  rubric_free(&r);
}

Test(match, each_condition_kind_decides_as_documented)
{
  struct rubric r = parse("run a\ncheck c 1\n"
                          "  expect: ^fork test OK$\n"   /* holds */
                          "  expect exactly 1: ^\\$ \n"  /* 3 prompt lines: fails */
                          "  expect at least 3: ^\\$ \n" /* holds */
                          "  reject: ^panic:\n"          /* holds */
                          "  reject: README\n"           /* fails */
                          "  expect: ^usertests$\n");    /* fails */
  bool want[] = {true, false, true, true, false, false};
  for (int i = 0; i < r.checks[0].nconds; i++) {
    char *why = NULL;
    cr_expect_eq(match_condition(&r.checks[0].conds[i], transcript, &why), want[i], "cond %d", i);
    cr_expect_eq(why == NULL, want[i], "an explanation exactly when it fails (cond %d)", i);
    free(why);
  }
  rubric_free(&r);
}

Test(match, failure_quotes_the_deciding_lines)
{
  struct rubric r = parse("run a\ncheck c 1\n  reject: README\n  expect: ^usertests$\n"
                          "  expect exactly 1: ^\\$ \n");
  char *why = NULL;
  match_condition(&r.checks[0].conds[0], transcript, &why);
  cr_assert(strstr(why, "expected no line matching /README/, found 1"), "%s", why);
  cr_assert(strstr(why, "line 5: README 2 2 10"), "%s", why);
  free(why);
  match_condition(&r.checks[0].conds[1], transcript, &why);
  cr_assert(strstr(why, "found 0"), "%s", why);
  cr_assert(strstr(why, "last lines were:\n"), "%s", why);
  cr_assert(strstr(why, "  fork test OK\n"), "%s", why);
  free(why);
  match_condition(&r.checks[0].conds[2], transcript, &why);
  cr_assert(strstr(why, "expected exactly 1 line matching"), "%s", why);
  cr_assert(strstr(why, "line 4: $ ls"), "%s", why);
  free(why);
  rubric_free(&r);
}

static void feed(struct console *c, const char *s)
{
  console_feed(c, s, strlen(s));
}

Test(console, carriage_returns_are_dropped_and_prompt_is_seen_once)
{
  struct console c;
  console_init(&c);
  feed(&c, "boot\r\n$");
  cr_assert_not(console_at_prompt(&c), "half a prompt is not a prompt");
  feed(&c, " ");
  cr_assert(console_at_prompt(&c));
  cr_assert_str_eq(c.text, "boot\n$ ");
  console_typed(&c);
  cr_assert_not(console_at_prompt(&c), "a prompt seen before typing is used up");
  feed(&c, "ls\r\nREADME\r\n");
  cr_assert_not(console_at_prompt(&c));
  feed(&c, "$ ");
  cr_assert(console_at_prompt(&c));
  console_free(&c);
}

Test(console, prompt_followed_by_background_output_still_counts)
{
  struct console c;
  console_init(&c);
  feed(&c, "$ ");
  console_typed(&c);
  feed(&c, "echo bg &\n$ bg\n");
  cr_assert(console_at_prompt(&c), "the `$ ` that began a line counts although `bg` followed");
  console_typed(&c);
  feed(&c, "x$ ");
  cr_assert(console_at_prompt(&c), "a prompt after output without newline counts");
  console_free(&c);
}

Test(console, panic_lines_are_recognised_only_at_line_start)
{
  struct console c;
  console_init(&c);
  feed(&c, "a\nsaid panic: no\n");
  cr_assert_not(console_panicked(&c, true));
  feed(&c, "b\npanic: kerneltrap\nc\n");
  cr_assert(console_panicked(&c, false));
  const char *line = strstr(c.text, "panic: kerneltrap");
  cr_assert_eq(c.panic_at, line - c.text);
  char *tail = console_tail(&c, (size_t)(line - c.text) + strlen("panic: kerneltrap\n"), 2);
  cr_assert_str_eq(tail, "  b\n  panic: kerneltrap\n");
  free(tail);
  console_free(&c);
  console_init(&c);
  feed(&c, "x\npanic: no newline yet");
  cr_assert_not(console_panicked(&c, false));
  cr_assert(console_panicked(&c, true), "at a timeout the unfinished line counts");
  console_free(&c);
}

static const char rubric_with_chain[] = "run r1\n"
                                        "check a 10\n  expect: ^fork test OK$\n"
                                        "check b 5\n  depends on a\n  expect: ^nothing$\n"
                                        "check c 7\n  depends on b\n  expect: ^boot$\n"
                                        "check d 3\n  expect: ^boot$\n"
                                        "run r2\n"
                                        "check e 4\n  expect: ^boot$\n";

Test(score, dependencies_skip_children_of_failed_checks)
{
  struct rubric r = parse(rubric_with_chain);
  struct run_result runs[2] = {{.verdict = RUN_PASSED, .output = (char *)transcript},
                               {.verdict = RUN_PASSED, .output = (char *)transcript}};
  bool graded[] = {true, true, true, true, true};
  struct check_result res[5];
  score_checks(&r, runs, graded, res);
  cr_assert_eq(res[0].status, CHECK_PASSED);
  cr_assert_float_eq(res[0].score, 10, 1e-9);
  cr_assert_eq(res[1].status, CHECK_FAILED);
  cr_assert_eq(res[2].status, CHECK_SKIPPED, "c's own condition holds, but b failed");
  cr_assert_str_eq(res[2].output, "parent failed: b");
  cr_assert_float_eq(res[2].score, 0, 1e-9);
  struct score_total t = score_total(&r, res);
  cr_assert_float_eq(t.score, 17, 1e-9);
  cr_assert_float_eq(t.max_score, 29, 1e-9);
  cr_assert_eq(t.passed, 3);
  cr_assert_eq(t.failed, 1);
  cr_assert_eq(t.skipped, 1);
  score_free(res, 5);
  rubric_free(&r);
}

Test(score, a_run_that_did_not_finish_fails_its_checks_with_its_verdict)
{
  struct rubric r = parse(rubric_with_chain);
  struct run_result runs[2] = {{.verdict = RUN_PANIC,
                                .output = (char *)transcript,
                                .detail = "  panic: oops\n",
                                .log_path = "logs/r1.log"},
                               {.verdict = RUN_PASSED, .output = (char *)transcript}};
  bool graded[] = {true, true, true, true, true};
  struct check_result res[5];
  score_checks(&r, runs, graded, res);
  cr_assert_eq(res[0].status, CHECK_FAILED, "matching output does not save a panicked run");
  cr_assert(strstr(res[0].output, "run r1: kernel panic (log: logs/r1.log)"), "%s", res[0].output);
  cr_assert(strstr(res[0].output, "panic: oops"), "%s", res[0].output);
  cr_assert_eq(res[3].status, CHECK_FAILED);
  cr_assert_eq(res[4].status, CHECK_PASSED, "other runs are graded on their own");
  score_free(res, 5);
  rubric_free(&r);
}

Test(score, ungraded_checks_count_nowhere)
{
  struct rubric r = parse(rubric_with_chain);
  struct run_result runs[2] = {{.verdict = RUN_NOT_RUN},
                               {.verdict = RUN_PASSED, .output = "boot\n"}};
  bool graded[] = {false, false, false, false, true};
  struct check_result res[5];
  score_checks(&r, runs, graded, res);
  struct score_total t = score_total(&r, res);
  cr_assert_float_eq(t.score, 4, 1e-9);
  cr_assert_float_eq(t.max_score, 4, 1e-9);
  cr_assert_eq(t.passed + t.failed + t.skipped, 1);
  cr_assert_eq(res[0].status, CHECK_UNGRADED);
  score_free(res, 5);
  rubric_free(&r);
}
