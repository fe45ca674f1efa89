/* Tests of the rubric parser: the labs' own rubrics load, the language's
 * forms parse to what they say, and malformed rubrics are refused with the
 * right line number and what was expected there. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "grader/rubric.h"

static char err[512];

Test(rubric, lab_rubrics_in_the_tree_parse)
{
  struct rubric r;
  cr_assert_eq(rubric_load(&r, SOURCE_ROOT "/labs/base/rubric", err, sizeof err), 0, "%s", err);
  cr_assert_eq(r.nruns, 8);
  cr_assert_geq(rubric_find_check(&r, "xv6chain"), 0);
  int files = rubric_find_check(&r, "files");
  cr_assert_geq(files, 0);
  cr_assert_eq(r.checks[files].parent, rubric_find_check(&r, "boot"));
  rubric_free(&r);
  cr_assert_eq(rubric_load(&r, SOURCE_ROOT "/labs/cow/rubric", err, sizeof err), 0, "%s", err);
  cr_assert_eq(r.nruns, 3);
  cr_assert_gt(r.nchecks, 50);
  cr_assert_geq(rubric_find_check(&r, "usertests-all"), 0);
  cr_assert_geq(rubric_find_check(&r, "usertests-all-2"), 0);
  cr_assert_eq(r.checks[rubric_find_check(&r, "cow-simple")].conds[0].kind, COND_EXACTLY);
  rubric_free(&r);
}

Test(rubric, runs_checks_and_conditions_parse_to_what_they_say)
{
  const char *text = "# a comment\n"
                     "run boot timeout 2.5s\n"
                     "    $ echo hi | wc\n"
                     "\t$ ls\n"
                     "\n"
                     "check wc 2.5 points\n"
                     "    expect: ^ *1 +1 +3$\n"
                     "    expect exactly 2: a:b\n"
                     "    expect at least 3: x\n"
                     "    reject: ^panic: \n"
                     "run other\n"
                     "check later 1\n"
                     "    depends on wc\n"
                     "    expect: ok\n";
  struct rubric r;
  cr_assert_eq(rubric_parse(&r, "t", text, err, sizeof err), 0, "%s", err);
  cr_assert_eq(r.nruns, 2);
  cr_assert_float_eq(r.runs[0].timeout_s, 2.5, 1e-9);
  cr_assert_float_eq(r.runs[1].timeout_s, 60, 1e-9, "the default timeout is 60s");
  cr_assert_eq(r.runs[0].ncommands, 2);
  cr_assert_str_eq(r.runs[0].commands[0], "echo hi | wc");
  cr_assert_str_eq(r.runs[0].commands[1], "ls");
  cr_assert_eq(r.nchecks, 2);
  const struct rubric_check *wc = &r.checks[0];
  cr_assert_float_eq(wc->points, 2.5, 1e-9);
  cr_assert_eq(wc->run, 0);
  cr_assert_eq(wc->nconds, 4);
  cr_assert_eq(wc->conds[1].kind, COND_EXACTLY);
  cr_assert_eq(wc->conds[1].count, 2);
  cr_assert_str_eq(wc->conds[1].pattern, "a:b", "only the first colon ends the keywords");
  cr_assert_eq(wc->conds[2].kind, COND_AT_LEAST);
  cr_assert_eq(wc->conds[2].count, 3);
  cr_assert_eq(wc->conds[3].kind, COND_NONE);
  cr_assert_eq(r.checks[1].run, 1, "a check grades the run declared above it");
  cr_assert_eq(r.checks[1].parent, 0);
  cr_assert_eq(r.checks[1].line, 12);
  rubric_free(&r);
}

struct bad {
  const char *text;
  const char *message; /* "t:LINE: what was expected" must contain this */
};

static const struct bad bad_rubrics[] = {
    {"check x 5\n  expect: a\n", "t:1: expected a 'run' before the first 'check'"},
    {"run a\n  $ ls\ncheck x five\n", "t:3: expected the points after the check's name"},
    {"run a\ncheck x 5\n  expect at 3: foo\n", "t:3: expected 'at least N:'"},
    {"run a\ncheck x 5\n  expect: (unclosed\n",
     "t:3: expected a POSIX extended regular expression"},
    {"run a\ncheck x 5\n  depends on y\n  expect: z\n",
     "t:3: expected the name of a check declared above"},
    {"run a\ncheck x 5\n\ncheck y 1\n  expect: q\n", "t:2: check 'x' needs at least one 'expect'"},
    {"run a\ncheck x 5\n", "t:2: check 'x' needs at least one"},
    {"run a timeout\n", "t:1: expected a positive number of seconds"},
    {"run a timeout 5 minutes\n", "t:1: expected 'timeout SECONDS', 'idle SECONDS' or the end"},
    {"run a timeout 0\n", "t:1: expected a positive number of seconds"},
    {"run a\n  ls\n", "t:2: expected '$ COMMAND'"},
    {"runn a\n", "t:1: expected 'run NAME' or 'check NAME POINTS', found 'runn'"},
    {"run a\nrun a\n", "t:2: a run named 'a' is already declared"},
    {"run a\ncheck x 5\n  expect foo\n", "t:3: expected ':' and a regular expression"},
    {"run a\ncheck x 5\n  expect:\n", "t:3: expected a regular expression after 'expect:'"},
    {"run a\ncheck x 5\n  expect exactly two: y\n", "t:3: expected a count of lines"},
    {"run a\ncheck x 5\n  frobnicate: y\n",
     "t:3: expected 'expect', 'reject', 'partial', 'backtrace', 'section', 'hint' or 'depends on'"},
    /* Backtraces: function names after 'through:', or '...'. */
    {"run a\ncheck x 5\n  backtrace: f\n", "t:3: expected 'backtrace through: FUNCTION ...'"},
    {"run a\ncheck x 5\n  backtrace through f\n", "t:3: expected 'backtrace through: FUNC"},
    {"run a\ncheck x 5\n  backtrace through:\n", "t:3: expected function names after "
                                                 "'backtrace through:'"},
    {"run a\ncheck x 5\n  backtrace through: sys_sleep sys*\n",
     "t:3: expected function names or '...' after 'backtrace through:', found 'sys*'"},
    {"run a\ncheck x 5\n  hint:\n  expect: y\n", "t:3: expected the hint's text after 'hint:'"},
    {"run a\ncheck x 5\n  hint frob\n  expect: y\n", "t:3: expected 'hint: TEXT'"},
    {"run a\ncheck x 5\n  hint: only a hint\n", "t:2: check 'x' needs at least one"},
    /* Numbers that would make a run endless or a score absurd. */
    {"run a timeout inf\n", "t:1: expected a positive number of seconds, at most 86400"},
    {"run a timeout nan\n", "t:1: expected a positive number of seconds"},
    {"run a timeout 86401\n", "t:1: expected a positive number of seconds, at most 86400"},
    {"run a timeout 1e300\n", "t:1: expected a positive number of seconds"},
    {"run a idle 0\n", "t:1: expected a positive number of seconds, at most 86400 (a day), "
                       "after 'idle'"},
    {"run a idle -3\n", "after 'idle'"},
    {"run a idle\n", "after 'idle'"},
    {"run a idle 5 idle 6\n", "t:1: 'idle' is given twice"},
    {"run a timeout 5 timeout 6\n", "t:1: 'timeout' is given twice"},
    {"run a\ncheck x -1\n", "t:2: expected the points after the check's name (a number from 0 "
                            "to 1000), found '-1'"},
    {"run a\ncheck x inf\n", "t:2: expected the points"},
    {"run a\ncheck x nan\n", "t:2: expected the points"},
    {"run a\ncheck x 1001\n", "t:2: expected the points"},
    /* Control characters typed at the console are keys, Ctrl-A QEMU's. */
    {"run a\n  $ echo \x01x\n", "t:2: expected printable text after '$', found the control "
                                "character 0x01 (Ctrl-A is QEMU's escape key)"},
    {"run a\n  $ ls\x04\n", "t:2: expected printable text after '$', found the control character "
                            "0x04"},
    {"run a\n  $ ls\x7f\n", "t:2: expected printable text"},
    {"run a\n  $ echo a\tb\n", "t:2: expected printable text"},
    /* Sections, partial credit and tags. */
    {"run a\ncheck x 5\n  section:\n  expect: y\n", "t:3: expected a regular expression on "
                                                    "each side of ' .. '"},
    {"run a\ncheck x 5\n  section: a .. \n  expect: y\n", "t:3: expected a regular expression"},
    {"run a\ncheck x 5\n  section: (a .. b\n", "t:3: expected a POSIX extended regular"},
    {"run a\ncheck x 5\n  section: a .. (b\n", "t:3: expected a POSIX extended regular"},
    {"run a\ncheck x 5\n  section: a\n  section: b\n", "t:4: check 'x' already has a section "
                                                       "(line 3)"},
    {"run a\ncheck x 5\n  section a .. b\n", "t:3: expected 'section: START .. END'"},
    {"run a\ncheck x 5\n  section: a\n", "t:2: check 'x' needs at least one"},
    {"run a\ncheck x 5\n  partial: score ([0-9]+)\n", "t:3: expected a regular expression "
                                                      "with two groups"},
    {"run a\ncheck x 5\n  partial: (a)(b)\n  partial: (c)(d)\n",
     "t:4: check 'x' already takes its score from line 3"},
    {"run a\ncheck x 5\n  partial exactly 2: (a)(b)\n", "t:3: expected ':' or 'tagged' after "
                                                        "'partial', found 'exactly'"},
    {"run a\ncheck x 5\n  reject tagged: y\n", "t:3: expected ':' after 'reject', found "
                                               "'tagged'"},
    {"run a\ncheck x 5\n  expect tagged twice: y\n", "t:3: expected ':', 'tagged', 'exactly N:'"},
    {"run a/b\n", "t:1: expected a name of letters"},
    {"run a\ncheck x 5 apples\n", "t:2: expected 'points' or the end of the line"},
    {"  $ ls\n", "t:1: expected 'run' or 'check' at the start of a line"},
    {"# nothing\n", "t:1: expected at least one 'check'"},
};

Test(rubric, malformed_rubrics_are_refused_with_line_and_expectation)
{
  for (size_t i = 0; i < sizeof bad_rubrics / sizeof bad_rubrics[0]; i++) {
    struct rubric r;
    err[0] = '\0';
    cr_assert_eq(rubric_parse(&r, "t", bad_rubrics[i].text, err, sizeof err), -1, "accepted: %s",
                 bad_rubrics[i].text);
    cr_expect(strstr(err, bad_rubrics[i].message), "for %s\n  got: %s\n  want: %s",
              bad_rubrics[i].text, err, bad_rubrics[i].message);
    cr_assert_eq(r.nruns + r.nchecks, 0, "a refused rubric holds nothing");
  }
}

Test(rubric, idle_limits_sections_partial_credit_and_tags_parse)
{
  const char *text = "run a idle 5s timeout 90\n"
                     "  $ usertests\n"
                     "run b\n"
                     "check c 10\n"
                     "  section: ^test x: .. (OK|FAILED)$\n"
                     "  expect tagged exactly 1: ^test x: OK$\n"
                     "  expect tagged at least 2: a..b\n"
                     "  expect tagged: z\n"
                     "  partial tagged: ^score: ([0-9]+)/([0-9]+)$\n"
                     "  reject: FAILED\n"
                     "check d 1\n"
                     "  section: ^start$\n"
                     "  partial: PARTIAL CREDIT ([0-9]+) OF ([0-9]+)\n";
  struct rubric r;
  cr_assert_eq(rubric_parse(&r, "t", text, err, sizeof err), 0, "%s", err);
  cr_assert_float_eq(r.runs[0].idle_s, 5, 1e-9);
  cr_assert_float_eq(r.runs[0].timeout_s, 90, 1e-9);
  cr_assert_float_eq(r.runs[1].idle_s, RUBRIC_DEFAULT_IDLE, 1e-9, "the default idle limit");
  const struct rubric_check *c = &r.checks[0];
  cr_assert_not_null(c->section);
  cr_assert_str_eq(c->section->start_pattern, "^test x:");
  cr_assert_str_eq(c->section->end_pattern, "(OK|FAILED)$");
  cr_assert_eq(c->nconds, 5);
  cr_assert(c->conds[0].tagged && c->conds[0].kind == COND_EXACTLY && c->conds[0].count == 1);
  cr_assert(c->conds[1].tagged && c->conds[1].kind == COND_AT_LEAST && c->conds[1].count == 2);
  cr_assert_str_eq(c->conds[1].pattern, "a..b", "'..' without blanks is the pattern's own");
  cr_assert(c->conds[2].tagged && c->conds[2].kind == COND_AT_LEAST && c->conds[2].count == 1);
  cr_assert(c->conds[3].tagged && c->conds[3].kind == COND_PARTIAL);
  cr_assert(!c->conds[4].tagged && c->conds[4].kind == COND_NONE);
  cr_assert_str_eq(r.checks[1].section->start_pattern, "^start$");
  cr_assert_null(r.checks[1].section->end_pattern, "no END: to the end of the console");
  cr_assert(!r.checks[1].conds[0].tagged && r.checks[1].conds[0].kind == COND_PARTIAL);
  rubric_free(&r);
}

Test(rubric, missing_file_is_named_in_the_error)
{
  struct rubric r;
  cr_assert_eq(rubric_load(&r, "/nonexistent/rubric", err, sizeof err), -1);
  cr_assert(strstr(err, "/nonexistent/rubric: No such file"), "%s", err);
}

Test(rubric, backtrace_through_keeps_the_function_names_in_order)
{
  struct rubric r;
  char err[256];
  const char *text = "run bt\n  $ bttest\ncheck bt 10\n  expect: ^backtrace:$\n"
                     "  backtrace through: sys_sleep syscall ... usertrap\n";
  cr_assert_eq(rubric_parse(&r, "t", text, err, sizeof err), 0, "%s", err);
  const struct rubric_cond *c = &r.checks[0].conds[1];
  cr_assert_eq(c->kind, COND_BACKTRACE);
  cr_assert_eq(c->nfunctions, 4);
  cr_assert_str_eq(c->functions[0], "sys_sleep");
  cr_assert_str_eq(c->functions[1], "syscall");
  cr_assert_str_eq(c->functions[2], "...");
  cr_assert_str_eq(c->functions[3], "usertrap");
  cr_assert_str_eq(c->pattern, "sys_sleep syscall ... usertrap");
  cr_assert_eq(c->line, 5);
  rubric_free(&r);
}

/* A hint may run over several lines: they join into one paragraph. */
Test(rubric, hint_lines_join_into_the_checks_hint)
{
  struct rubric r;
  cr_assert_eq(rubric_parse(&r, "t",
                            "run a\ncheck x 5\n  expect: y\n  hint: the usual mistake\n"
                            "  hint:   is this; read section 2\ncheck z 1\n  expect: y\n",
                            err, sizeof err),
               0, "%s", err);
  cr_assert_str_eq(r.checks[0].hint, "the usual mistake is this; read section 2");
  cr_assert_null(r.checks[1].hint, "a check without hint lines has none");
  rubric_free(&r);
}

Test(rubric, a_hint_past_its_limit_is_refused)
{
  char text[2 * RUBRIC_HINT_MAX];
  int n = snprintf(text, sizeof text, "run a\ncheck x 5\n  expect: y\n");
  for (int i = 0; i < 10; i++)
    n += snprintf(text + n, sizeof text - (size_t)n, "  hint: %070d\n", i);
  struct rubric r;
  cr_assert_eq(rubric_parse(&r, "t", text, err, sizeof err), -1);
  cr_assert(strstr(err, "t:12: the hint of check 'x' is longer than 600 characters"), "%s", err);
}

/* The lab rubrics give a hint to every check that a broken sibling of the
 * lab fails (labs/<lab>/variants, "fail:"): those are the failures whose
 * usual cause is known. */
Test(rubric, every_check_a_broken_sibling_fails_has_a_hint)
{
  /* Every lab of the course that has a variant table. */
  FILE *course = fopen(SOURCE_ROOT "/labs/course", "r");
  cr_assert_not_null(course);
  char lab[64], path[512], line[1024];
  int tables = 0;
  while (fgets(line, sizeof line, course)) {
    if (sscanf(line, " %63[a-z0-9_-]", lab) != 1)
      continue;
    snprintf(path, sizeof path, SOURCE_ROOT "/labs/%s/variants", lab);
    FILE *f = fopen(path, "r");
    if (!f)
      continue;
    tables++;
    struct rubric r;
    snprintf(path, sizeof path, SOURCE_ROOT "/labs/%s/rubric", lab);
    cr_assert_eq(rubric_load(&r, path, err, sizeof err), 0, "%s", err);
    int named = 0;
    while (fgets(line, sizeof line, f)) {
      line[strcspn(line, "#\n")] = '\0';
      char *fail = strstr(line, "fail:");
      if (!fail || (fail > line && fail[-1] != ' ') || strstr(line, " broken ") == NULL)
        continue;
      char *end = strstr(fail, "may fail:");
      if (end)
        *end = '\0';
      for (char *w = strtok(fail + 5, " \t"); w; w = strtok(NULL, " \t")) {
        for (int i = 0; i < r.nchecks; i++) {
          if (strcmp(w, "all") != 0 && strcmp(w, r.checks[i].name) != 0)
            continue;
          /* `fail: all` is a kernel that never reaches a shell: every check
           * of its first run fails, which the first check's hint covers. */
          if (strcmp(w, "all") == 0 && i != 0)
            continue;
          cr_expect_not_null(r.checks[i].hint, "%s: check %s has no hint", lab, w);
          named++;
        }
      }
    }
    fclose(f);
    cr_assert_gt(named, 0, "%s: the table names the checks its broken rows fail", lab);
    rubric_free(&r);
  }
  fclose(course);
  cr_assert_geq(tables, 2, "the course has labs with variant tables");
}
