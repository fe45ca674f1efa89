/* Rubric parser: turns the line-oriented rubric language (docs/grading.md)
 * into runs and checks, refusing anything malformed with file:line and what
 * was expected there. Regular expressions are compiled here with regcomp. */
#define _GNU_SOURCE
#include "grader/rubric.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grader/parse.h"

/* Parser state: where we are, which block indented lines belong to. */
struct parser {
  struct rubric *r;
  struct parse_cursor at;
  enum { IN_NOTHING, IN_RUN, IN_CHECK } block;
};

static char *skip_space(char *s)
{
  while (*s == ' ' || *s == '\t')
    s++;
  return s;
}

/* Split off the next blank-separated word; NULL at end of line. */
static char *next_word(char **s)
{
  char *w = skip_space(*s);
  if (*w == '\0')
    return NULL;
  char *end = w;
  while (*end && *end != ' ' && *end != '\t')
    end++;
  if (*end)
    *end++ = '\0';
  *s = end;
  return w;
}

/* Names are what --only and `depends on` refer to, so keep them shell- and
 * TAP-safe: letters, digits, and - _ . only. */
static int take_name(struct parser *p, char **s, char *out, const char *what)
{
  char *w = next_word(s);
  if (!w)
    return parse_fail(&p->at, "expected a name after '%s'", what);
  size_t n = strlen(w);
  if (n >= RUBRIC_NAME_MAX)
    return parse_fail(&p->at, "name '%s' is longer than %d characters", w, RUBRIC_NAME_MAX - 1);
  for (size_t i = 0; i < n; i++)
    if (!isalnum((unsigned char)w[i]) && !strchr("-_.", w[i]))
      return parse_fail(&p->at, "expected a name of letters, digits, '-', '_' or '.', found '%s'",
                        w);
  memcpy(out, w, n + 1);
  return 0;
}

static int take_number(struct parser *p, char **s, double *out, const char *what)
{
  char *w = next_word(s);
  char *end;
  if (!w)
    return parse_fail(&p->at, "expected %s", what);
  errno = 0;
  *out = strtod(w, &end);
  if (*end || errno || *out < 0 || *out != *out)
    return parse_fail(&p->at, "expected %s, found '%s'", what, w);
  return 0;
}

static int parse_run(struct parser *p, char *rest)
{
  struct rubric *r = p->r;
  struct rubric_run run = {.timeout_s = 60, .line = p->at.line};
  if (take_name(p, &rest, run.name, "run") < 0)
    return -1;
  if (rubric_find_run(r, run.name) >= 0)
    return parse_fail(&p->at, "a run named '%s' is already declared", run.name);
  char *w = next_word(&rest);
  if (w && strcmp(w, "timeout") != 0)
    return parse_fail(&p->at, "expected 'timeout SECONDS' or the end of the line, found '%s'", w);
  if (w) {
    /* "30" and "30s" both read naturally; strip the unit before strtod. */
    char *t = next_word(&rest), *end;
    size_t n = t ? strlen(t) : 0;
    if (n > 1 && t[n - 1] == 's')
      t[n - 1] = '\0';
    run.timeout_s = t ? strtod(t, &end) : 0;
    if (!t || *end || !(run.timeout_s > 0))
      return parse_fail(&p->at, "expected a positive number of seconds after 'timeout'");
    if ((w = next_word(&rest)))
      return parse_fail(&p->at, "expected the end of the line after the timeout, found '%s'", w);
  }
  r->runs = parse_grow(r->runs, r->nruns, sizeof run);
  r->runs[r->nruns++] = run;
  p->block = IN_RUN;
  return 0;
}

static int parse_check(struct parser *p, char *rest)
{
  struct rubric *r = p->r;
  struct rubric_check c = {.parent = -1, .line = p->at.line, .run = r->nruns - 1};
  if (r->nruns == 0)
    return parse_fail(
        &p->at, "expected a 'run' before the first 'check' (checks grade the run above them)");
  if (take_name(p, &rest, c.name, "check") < 0)
    return -1;
  if (rubric_find_check(r, c.name) >= 0)
    return parse_fail(&p->at, "a check named '%s' is already declared", c.name);
  if (take_number(p, &rest, &c.points, "the points after the check's name") < 0)
    return -1;
  char *w = next_word(&rest);
  if (w && strcmp(w, "points") && strcmp(w, "point") && strcmp(w, "pts"))
    return parse_fail(&p->at, "expected 'points' or the end of the line, found '%s'", w);
  if (next_word(&rest))
    return parse_fail(&p->at, "expected the end of the line after the points");
  r->checks = parse_grow(r->checks, r->nchecks, sizeof c);
  r->checks[r->nchecks++] = c;
  p->block = IN_CHECK;
  return 0;
}

static int parse_count(struct parser *p, char **head, int *count)
{
  char *w = next_word(head), *end;
  long n = w ? strtol(w, &end, 10) : -1;
  if (!w || *end || n < 0 || n > 1000000)
    return parse_fail(&p->at, "expected a count of lines before ':'");
  *count = (int)n;
  return 0;
}

/* `expect[ exactly N| at least N]: ERE` or `reject: ERE`. */
static int parse_condition(struct parser *p, char *line, const char *keyword)
{
  struct rubric_check *c = &p->r->checks[p->r->nchecks - 1];
  struct rubric_cond cond = {.kind = COND_AT_LEAST, .count = 1, .line = p->at.line};
  char *colon = strchr(line, ':');
  if (!colon)
    return parse_fail(&p->at, "expected ':' and a regular expression after '%s'", keyword);
  *colon = '\0';
  char *head = line, *w;
  next_word(&head); /* the keyword itself */
  if (strcmp(keyword, "reject") == 0) {
    cond.kind = COND_NONE;
    cond.count = 0;
  } else if ((w = next_word(&head)) && strcmp(w, "exactly") == 0) {
    cond.kind = COND_EXACTLY;
    if (parse_count(p, &head, &cond.count) < 0)
      return -1;
  } else if (w && strcmp(w, "at") == 0) {
    if (!(w = next_word(&head)) || strcmp(w, "least") != 0)
      return parse_fail(&p->at, "expected 'at least N:' after 'expect'");
    if (parse_count(p, &head, &cond.count) < 0)
      return -1;
  } else if (w) {
    return parse_fail(&p->at,
                      "expected ':', 'exactly N:' or 'at least N:' after 'expect', found '%s'", w);
  }
  if ((w = next_word(&head)))
    return parse_fail(&p->at, "expected ':' after the count, found '%s'", w);
  char *pattern = skip_space(colon + 1);
  if (*pattern == '\0')
    return parse_fail(&p->at, "expected a regular expression after '%s:'", keyword);
  int rc = regcomp(&cond.re, pattern, REG_EXTENDED | REG_NOSUB);
  if (rc != 0) {
    char why[128];
    regerror(rc, &cond.re, why, sizeof why);
    return parse_fail(&p->at, "expected a POSIX extended regular expression: %s in '%s'", why,
                      pattern);
  }
  cond.pattern = strdup(pattern);
  c->conds = parse_grow(c->conds, c->nconds, sizeof cond);
  c->conds[c->nconds++] = cond;
  return 0;
}

static int parse_depends(struct parser *p, char *rest)
{
  struct rubric *r = p->r;
  struct rubric_check *c = &r->checks[r->nchecks - 1];
  char name[RUBRIC_NAME_MAX], *w = next_word(&rest);
  if (!w || strcmp(w, "on") != 0)
    return parse_fail(&p->at, "expected 'depends on CHECK'");
  if (take_name(p, &rest, name, "depends on") < 0)
    return -1;
  if (next_word(&rest))
    return parse_fail(&p->at, "expected the end of the line after 'depends on %s'", name);
  if (c->parent >= 0)
    return parse_fail(&p->at, "check '%s' already depends on '%s'", c->name,
                      r->checks[c->parent].name);
  int parent = rubric_find_check(r, name);
  if (parent < 0 || parent == r->nchecks - 1)
    return parse_fail(&p->at, "expected the name of a check declared above, found '%s'", name);
  c->parent = parent;
  return 0;
}

/* A check with no condition would pass whatever happened; refuse it where
 * the instructor can see which one. */
static int finish_block(struct parser *p)
{
  struct rubric *r = p->r;
  if (p->block == IN_CHECK && r->checks[r->nchecks - 1].nconds == 0) {
    p->at.line = r->checks[r->nchecks - 1].line;
    return parse_fail(&p->at, "check '%s' needs at least one 'expect' or 'reject' line",
                      r->checks[r->nchecks - 1].name);
  }
  return 0;
}

static int parse_indented(struct parser *p, char *body)
{
  char *rest = body, *w;
  if (p->block == IN_RUN) {
    if (body[0] != '$' || (body[1] != ' ' && body[1] != '\0'))
      return parse_fail(&p->at, "expected '$ COMMAND' (a command to type) inside run '%s'",
                        p->r->runs[p->r->nruns - 1].name);
    char *cmd = skip_space(body + 1);
    if (*cmd == '\0')
      return parse_fail(&p->at, "expected a command after '$'");
    struct rubric_run *run = &p->r->runs[p->r->nruns - 1];
    run->commands = parse_grow(run->commands, run->ncommands, sizeof(char *));
    run->commands[run->ncommands++] = strdup(cmd);
    return 0;
  }
  if (p->block == IN_CHECK) {
    char word[16] = "";
    size_t n = strcspn(body, " \t:");
    if (n < sizeof word)
      memcpy(word, body, n), word[n] = '\0';
    if (strcmp(word, "expect") == 0 || strcmp(word, "reject") == 0)
      return parse_condition(p, body, word);
    if (strcmp(word, "depends") == 0) {
      next_word(&rest);
      return parse_depends(p, rest);
    }
    return parse_fail(&p->at, "expected 'expect', 'reject' or 'depends on' inside check '%s'",
                      p->r->checks[p->r->nchecks - 1].name);
  }
  w = next_word(&rest);
  return parse_fail(&p->at, "expected 'run' or 'check' at the start of a line, found indented '%s'",
                    w);
}

static int parse_line(struct parser *p, char *line)
{
  size_t n = strlen(line);
  while (n > 0 && isspace((unsigned char)line[n - 1]))
    line[--n] = '\0';
  char *body = skip_space(line);
  if (*body == '\0' || *body == '#')
    return 0;
  if (body != line)
    return parse_indented(p, body);
  if (finish_block(p) < 0)
    return -1;
  char *rest = line, *w = next_word(&rest);
  if (strcmp(w, "run") == 0)
    return parse_run(p, rest);
  if (strcmp(w, "check") == 0)
    return parse_check(p, rest);
  p->block = IN_NOTHING;
  return parse_fail(&p->at, "expected 'run NAME' or 'check NAME POINTS', found '%s'", w);
}

int rubric_parse(struct rubric *r, const char *path, const char *text, char *err, size_t errlen)
{
  struct parser p = {.r = r, .at = {.path = path, .err = err, .errlen = errlen}};
  memset(r, 0, sizeof *r);
  r->path = strdup(path);
  char *copy = strdup(text), *cursor = copy;
  int rc = 0;
  while (rc == 0 && cursor && *cursor) {
    char *eol = strchr(cursor, '\n');
    if (eol)
      *eol = '\0';
    p.at.line++;
    rc = parse_line(&p, cursor);
    cursor = eol ? eol + 1 : NULL;
  }
  if (rc == 0)
    rc = finish_block(&p);
  if (rc == 0 && r->nchecks == 0) {
    p.at.line = p.at.line ? p.at.line : 1; /* an empty rubric */
    rc = parse_fail(&p.at, "expected at least one 'check' in the rubric");
  }
  free(copy);
  if (rc < 0)
    rubric_free(r);
  return rc;
}

int rubric_load(struct rubric *r, const char *path, char *err, size_t errlen)
{
  char *text = parse_read_file(path);
  if (!text) {
    snprintf(err, errlen, "%s: %s", path, strerror(errno));
    return -1;
  }
  int rc = rubric_parse(r, path, text, err, errlen);
  free(text);
  return rc;
}

void rubric_free(struct rubric *r)
{
  for (int i = 0; i < r->nruns; i++) {
    for (int j = 0; j < r->runs[i].ncommands; j++)
      free(r->runs[i].commands[j]);
    free(r->runs[i].commands);
  }
  for (int i = 0; i < r->nchecks; i++) {
    for (int j = 0; j < r->checks[i].nconds; j++) {
      regfree(&r->checks[i].conds[j].re);
      free(r->checks[i].conds[j].pattern);
    }
    free(r->checks[i].conds);
  }
  free(r->runs);
  free(r->checks);
  free(r->path);
  memset(r, 0, sizeof *r);
}

int rubric_find_run(const struct rubric *r, const char *name)
{
  for (int i = 0; i < r->nruns; i++)
    if (strcmp(r->runs[i].name, name) == 0)
      return i;
  return -1;
}

int rubric_find_check(const struct rubric *r, const char *name)
{
  for (int i = 0; i < r->nchecks; i++)
    if (strcmp(r->checks[i].name, name) == 0)
      return i;
  return -1;
}
