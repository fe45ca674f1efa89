/* Tests of the matcher, the console transcript (prompts and panics) and the
 * score arithmetic, dependencies and run verdicts included. */
#define _GNU_SOURCE
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grader/console.h"
#include "grader/match.h"
#include "grader/quote.h"
#include "grader/rubric.h"
#include "grader/score.h"
#include "grader/tag.h"

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

Test(console, a_flood_is_kept_only_to_its_cap_and_quoted_lines_are_cut)
{
  struct console c;
  console_init(&c);
  static char chunk[65536];
  memset(chunk, 'A', sizeof chunk);
  for (int i = 0; i < (CONSOLE_MAX / (int)sizeof chunk) + 8; i++)
    console_feed(&c, chunk, sizeof chunk);
  cr_assert(c.full, "past CONSOLE_MAX the console says it is full");
  cr_assert_eq(c.len, (size_t)CONSOLE_MAX, "and keeps no more: %zu", c.len);
  char *tail = console_tail(&c, c.len, 10);
  cr_assert_lt(strlen(tail), (size_t)QUOTE_LINE_LEN + 100, "one long line, cut: %zu bytes",
               strlen(tail));
  cr_assert(strstr(tail, "more characters)"), "%.400s", tail);
  free(tail);
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

/* usertests' shape: a start line, the test's own lines, its verdict. */
static const char sectioned[] = "test a: start\n"
                                "a: addr 0x0\n"
                                "test a: OK\n"
                                "test b: start\n"
                                "b: FAILED to read\n"
                                "test b: OK\n"
                                "test c: OK\n";

static bool check_passes(struct rubric *r, int check, const char *text, char **why)
{
  struct match_console mc;
  struct match_range range;
  match_console_init(&mc, text, NULL);
  bool ok = match_section(r->checks[check].section, &mc, &range, why);
  for (int k = 0; ok && k < r->checks[check].nconds; k++)
    ok = match_cond(&r->checks[check].conds[k], &mc, range, why);
  match_console_free(&mc);
  return ok;
}

Test(match, a_section_limits_its_checks_conditions_to_its_lines)
{
  struct rubric r = parse("run a\n"
                          "check a 1\n  section: ^test a: start$ .. ^test a: (OK|FAILED)$\n"
                          "  expect exactly 1: ^test a: OK$\n  reject: FAILED\n"
                          "check b 1\n  section: ^test b: start$ .. ^test b: (OK|FAILED)$\n"
                          "  expect exactly 1: ^test b: OK$\n  reject: FAILED\n"
                          "check c 1\n  section: ^test c: .. (OK|FAILED)$\n"
                          "  expect exactly 1: OK$\n"
                          "check d 1\n  section: ^test d: start$ .. ^test d:\n  expect: x\n"
                          "check e 1\n  section: ^test b: start$\n  expect exactly 3: ^test\n");
  char *why = NULL;
  cr_assert(check_passes(&r, 0, sectioned, &why), "a's FAILED-free section: %s", why);
  cr_assert_not(check_passes(&r, 1, sectioned, &why), "b's section holds a FAILED line");
  cr_assert(strstr(why, "in the section of lines 4 to 6: expected no line matching /FAILED/, "
                        "found 1:\n  line 5: b: FAILED to read\n"),
            "%s", why);
  free(why);
  why = NULL;
  cr_assert(check_passes(&r, 2, sectioned, &why), "the end may match the opening line: %s", why);
  cr_assert_not(check_passes(&r, 3, sectioned, &why));
  cr_assert(strstr(why, "the section /^test d: start$/ never opened: no line matches it\n"), "%s",
            why);
  free(why);
  why = NULL;
  cr_assert(check_passes(&r, 4, sectioned, &why), "no END: to the end of the console: %s", why);
  rubric_free(&r);
}

static const unsigned char key[TAG_KEY_LEN] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};

/* TEXT [tag:ID:MAC] with the MAC the key gives, as user/tag.c prints it. */
static void tagged(FILE *f, const char *id, const char *text)
{
  char mac[GRADEKEY_TAG_HEX + 1];
  tag_mac(key, id, strlen(id), text, strlen(text), mac);
  fprintf(f, "%s [tag:%s:%s]\n", text, id, mac);
}

Test(match, tags_are_taken_off_and_only_valid_new_ones_count_for_tagged_conditions)
{
  char *text;
  size_t len;
  FILE *f = open_memstream(&text, &len);
  tagged(f, "7.1", "simple: ok");                      /* line 1: valid */
  fputs("simple: ok\n", f);                            /* 2: untagged */
  fputs("simple: ok [tag:7.2:0123456789abcdef]\n", f); /* 3: forged */
  tagged(f, "7.1", "simple: ok");                      /* 4: a copy of line 1 */
  tagged(f, "7.2", "simple: ok");                      /* 5: valid */
  fputs("three: ok [tag:x:0123456789abcdef]\n", f);    /* 6: not a tag at all */
  fclose(f);
  struct rubric r = parse("run a\ncheck c 1\n  expect tagged exactly 2: ^simple: ok$\n"
                          "  expect exactly 5: ^simple: ok$\n"
                          "  expect tagged exactly 3: ^simple: ok$\n"
                          "  expect: ^three: ok \\[tag:x:\n");
  struct match_console mc;
  match_console_init(&mc, text, key);
  cr_assert_eq(mc.n, 6);
  enum match_tag want[] = {MATCH_TAG_OK,   MATCH_UNTAGGED, MATCH_TAG_BAD,
                           MATCH_TAG_COPY, MATCH_TAG_OK,   MATCH_UNTAGGED};
  for (int i = 0; i < 6; i++)
    cr_expect_eq(mc.lines[i].tag, want[i], "line %d", i + 1);
  cr_assert_str_eq(mc.lines[0].text, "simple: ok", "the tag is taken off before matching");
  cr_assert_eq(mc.lines[3].first, 1);
  struct match_range all = {0, mc.n};
  char *why = NULL;
  cr_assert(match_cond(&r.checks[0].conds[0], &mc, all, &why), "%s", why);
  cr_assert(match_cond(&r.checks[0].conds[1], &mc, all, &why), "untagged conditions see all");
  cr_assert_not(match_cond(&r.checks[0].conds[2], &mc, all, &why));
  cr_assert(strstr(why, "expected exactly 3 tagged lines matching /^simple: ok$/, found 2:\n"),
            "%s", why);
  cr_assert(strstr(why, "  line 2: 'simple: ok' has no valid tag (no tag)\n"), "%s", why);
  cr_assert(strstr(why, "  line 3: 'simple: ok' has no valid tag (a tag that does not verify)\n"),
            "%s", why);
  cr_assert(strstr(why, "  line 4: 'simple: ok' has no valid tag: it repeats the tag of line 1\n"),
            "%s", why);
  free(why);
  cr_assert(match_cond(&r.checks[0].conds[3], &mc, all, NULL), "a malformed tag stays text");
  match_console_free(&mc);
  /* Without the run's key no tag can be checked. */
  match_console_init(&mc, text, NULL);
  cr_assert_eq(mc.lines[0].tag, MATCH_TAG_NOKEY);
  why = NULL;
  cr_assert_not(match_cond(&r.checks[0].conds[0], &mc, (struct match_range){0, mc.n}, &why));
  cr_assert(strstr(why, "the run had no key"), "%s", why);
  free(why);
  match_console_free(&mc);
  free(text);
  rubric_free(&r);
}

/* A background job's tagged line raced the prompt and the echo of the next
 * command typed: it shares the console line with them, after them. */
Test(match, a_tagged_line_after_a_prompt_or_typed_echo_verifies_as_its_own_text)
{
  char *text;
  size_t len;
  FILE *f = open_memstream(&text, &len);
  fputs("$ ", f);
  tagged(f, "9.1", "bg"); /* line 1: after the prompt */
  fputs("$ echo h", f);
  tagged(f, "9.2", "bg");                        /* 2: inside typed echo */
  fputs("$ bg [tag:9.3:0123456789abcdef]\n", f); /* 3: forged, after a prompt */
  fputs("$ ", f);
  tagged(f, "9.1", "bg"); /* 4: a copy of line 1 */
  fclose(f);
  struct rubric r = parse("run a\ncheck c 1\n  expect tagged exactly 2: ^bg$\n"
                          "  reject: ^\\$\n");
  struct match_console mc;
  match_console_init(&mc, text, key);
  cr_assert_eq(mc.n, 4);
  enum match_tag want[] = {MATCH_TAG_OK, MATCH_TAG_OK, MATCH_TAG_BAD, MATCH_TAG_COPY};
  for (int i = 0; i < 4; i++)
    cr_expect_eq(mc.lines[i].tag, want[i], "line %d", i + 1);
  cr_assert_str_eq(mc.lines[0].text, "bg", "the prompt is not the program's text");
  cr_assert_str_eq(mc.lines[1].text, "bg", "nor is the typed echo");
  cr_assert_str_eq(mc.lines[2].text, "$ bg", "a tag that verifies nowhere keeps the whole line");
  struct match_range all = {0, mc.n};
  char *why = NULL;
  cr_assert(match_cond(&r.checks[0].conds[0], &mc, all, &why), "%s", why);
  cr_assert_not(match_cond(&r.checks[0].conds[1], &mc, all, NULL), "line 3 keeps its prompt");
  match_console_free(&mc);
  free(text);
  rubric_free(&r);
}

Test(score, partial_credit_is_points_times_got_over_outof_clamped)
{
  struct rubric r =
      parse("run a\n"
            "check seven 10\n  section: ^score: 1/10$ .. ^PARTIAL\n"
            "  partial: ^score: ([0-9.-]+)/([0-9.-]+)$\n"
            "check test161 4\n  partial: PARTIAL CREDIT ([0-9]+) OF ([0-9]+)\n"
            "check over 5\n  section: ^over$ .. ^under$\n  partial: ^score: ([0-9-]+)/([0-9]+)$\n"
            "check under 5\n  section: ^under$ .. ^zero$\n"
            "  partial: ^score: ([0-9-]+)/([0-9]+)$\n"
            "check none 5\n  partial: ^nothing ([0-9]+) ([0-9]+)$\n"
            "check zero 5\n  section: ^zero$\n  partial: ^score: ([0-9]+)/([0-9]+)$\n"
            "check full 2\n  partial: ^all: ([0-9]+)/([0-9]+)$\n  expect: ^all\n"
            "check child 1\n  depends on seven\n  expect: score\n");
  struct run_result runs[1] = {{.verdict = RUN_PASSED,
                                .output = "score: 1/10\nscore: 7/10\nPARTIAL CREDIT 3 OF 4\n"
                                          "over\nscore: 12/10\nunder\nscore: -3/10\n"
                                          "zero\nscore: 5/0\nall: 6/6\n"}};
  bool graded[8] = {true, true, true, true, true, true, true, true};
  struct check_result res[8];
  score_checks(&r, runs, graded, res);
  cr_assert_eq(res[0].status, CHECK_PARTIAL, "the last score line counts");
  cr_assert_float_eq(res[0].score, 7, 1e-9);
  cr_assert(strstr(res[0].output, "partial credit from line 2: 'score: 7/10': 7 of 10 points"),
            "%s", res[0].output);
  cr_assert_float_eq(res[1].score, 3, 1e-9);
  cr_assert_float_eq(res[2].score, 5, 1e-9, "bounded by the check's points");
  cr_assert_eq(res[2].status, CHECK_PASSED);
  cr_assert_float_eq(res[3].score, 0, 1e-9, "never below 0");
  cr_assert_eq(res[3].status, CHECK_PARTIAL);
  cr_assert_eq(res[4].status, CHECK_FAILED);
  cr_assert(strstr(res[4].output, "expected a line matching /^nothing ([0-9]+) ([0-9]+)$/ to give "
                                  "the score, found none"),
            "%s", res[4].output);
  cr_assert_eq(res[5].status, CHECK_FAILED);
  cr_assert(strstr(res[5].output, "gives no score"), "%s", res[5].output);
  cr_assert_eq(res[6].status, CHECK_PASSED);
  cr_assert_float_eq(res[6].score, 2, 1e-9);
  cr_assert_eq(res[7].status, CHECK_SKIPPED, "a partly passed parent does not pass");
  struct score_total t = score_total(&r, res);
  cr_assert_float_eq(t.score, 7 + 3 + 5 + 0 + 2, 1e-9);
  cr_assert_float_eq(t.max_score, 37, 1e-9);
  cr_assert_eq(t.partial, 3);
  score_free(res, 8);
  rubric_free(&r);
}

/* Nothing matched: the quote is the check's own lines where the test said
 * why (those beginning with the pattern's "name:"), not the run's tail, and
 * then any line of the run that says why (forktree's "ufork failed"). */
static const char cowtest_run[] =
    "$ cowtest\n"
    "simple: fork of a process of 21608 pages failed: only copy-on-write fork can succeed\n"
    "simple: FAILED\n"
    "three: ok\n"
    "pid 611 (cowtest): killed: store page fault at 0x0\n"
    "text: ok\nexec: ok\nsbrk: ok\nkill: ok\npipe-big: ok\nrace: ok\n"
    "SOME COW TESTS FAILED\n$ poweroff\n";

Test(match, nothing_matched_quotes_the_checks_own_lines_that_say_why)
{
  struct rubric r = parse("run a\ncheck c 1\n  expect exactly 2: ^simple: ok$\n"
                          "check d 1\n  expect: ^[0-9]+: I am ''$\n");
  char *why = NULL;
  match_condition(&r.checks[0].conds[0], cowtest_run, &why);
  cr_assert(strstr(why, "the test's own lines (those beginning 'simple:'):\n"
                        "  line 2: simple: fork of a process"),
            "%s", why);
  cr_assert(strstr(why, "  line 3: simple: FAILED\n"), "%s", why);
  cr_assert_null(strstr(why, "sbrk"), "the run's tail is not the reason:\n%s", why);
  cr_assert_null(strstr(why, "pid 611"), "another test's line is not this one's:\n%s", why);
  free(why);
  match_condition(&r.checks[1].conds[0],
                  "$ forktree\nforktree: ufork failed\n$ ucowtest\n"
                  "ALL UCOW TESTS PASSED\n$ poweroff\n",
                  &why);
  cr_assert(strstr(why, "where the test said why:\n  line 2: forktree: ufork failed\n"), "%s", why);
  free(why);
  rubric_free(&r);
}

Test(match, quoted_lines_are_cut_to_the_bound)
{
  struct rubric r = parse("run a\ncheck c 1\n  reject: x\n");
  char text[QUOTE_LINE_LEN * 3 + (QUOTE_LINES + 5) * 4 + 2];
  size_t n = 0;
  memset(text, 'x', QUOTE_LINE_LEN * 3);
  n = QUOTE_LINE_LEN * 3;
  text[n++] = '\n';
  for (int i = 0; i < QUOTE_LINES + 5; i++)
    n += (size_t)snprintf(text + n, sizeof text - n, "x%d\n", i % 10);
  char *why = NULL;
  match_condition(&r.checks[0].conds[0], text, &why);
  cr_assert(strstr(why, " ... (320 more characters)\n"), "%s", why);
  cr_assert(strstr(why, "  (6 more)\n"), "%s", why);
  cr_assert_lt(strlen(why), (QUOTE_LINES + 3) * (QUOTE_LINE_LEN + 40), "%s", why);
  free(why);
  rubric_free(&r);
}
