/* Rubric parser: turns the line-oriented rubric language (docs/grading.md)
 * into runs and checks, refusing anything malformed with file:line and what
 * was expected there. Regular expressions are compiled here with regcomp. */
#define _GNU_SOURCE
#include "grader/rubric.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
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
  if (*end || errno || !isfinite(*out) || *out < 0 || *out > RUBRIC_MAX_POINTS)
    return parse_fail(&p->at, "expected %s (a number from 0 to %g), found '%s'", what,
                      RUBRIC_MAX_POINTS, w);
  return 0;
}

/* "30" and "30s" both read naturally. inf, nan and anything past a day are
 * refused: a run that long is a typing mistake, and it would never end. */
static int take_seconds(struct parser *p, char **s, double *out, const char *keyword)
{
  char *t = next_word(s), *end;
  size_t n = t ? strlen(t) : 0;
  if (n > 1 && t[n - 1] == 's')
    t[n - 1] = '\0';
  errno = 0;
  *out = t ? strtod(t, &end) : 0;
  if (!t || *end || errno || !isfinite(*out) || !(*out > 0) || *out > RUBRIC_MAX_SECONDS)
    return parse_fail(&p->at,
                      "expected a positive number of seconds, at most %g (a day), after '%s'",
                      RUBRIC_MAX_SECONDS, keyword);
  return 0;
}

/* `run NAME [timeout SECONDS] [idle SECONDS]`, the two in either order. */
static int parse_run(struct parser *p, char *rest)
{
  struct rubric *r = p->r;
  struct rubric_run run = {
      .timeout_s = RUBRIC_DEFAULT_TIMEOUT, .idle_s = RUBRIC_DEFAULT_IDLE, .line = p->at.line};
  bool seen_timeout = false, seen_idle = false;
  if (take_name(p, &rest, run.name, "run") < 0)
    return -1;
  if (rubric_find_run(r, run.name) >= 0)
    return parse_fail(&p->at, "a run named '%s' is already declared", run.name);
  for (char *w; (w = next_word(&rest));) {
    bool timeout = strcmp(w, "timeout") == 0;
    if (!timeout && strcmp(w, "idle") != 0)
      return parse_fail(&p->at,
                        "expected 'timeout SECONDS', 'idle SECONDS' or the end of the line, "
                        "found '%s'",
                        w);
    bool *seen = timeout ? &seen_timeout : &seen_idle;
    if (*seen)
      return parse_fail(&p->at, "'%s' is given twice", w);
    *seen = true;
    if (take_seconds(p, &rest, timeout ? &run.timeout_s : &run.idle_s, w) < 0)
      return -1;
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

/* Compiles `pattern` into *re, or says why it is not an ERE. Partial-credit
 * patterns keep their subexpressions, which carry the score. */
static int compile(struct parser *p, regex_t *re, const char *pattern, bool groups)
{
  int rc = regcomp(re, pattern, REG_EXTENDED | (groups ? 0 : REG_NOSUB));
  if (rc != 0) {
    char why[128];
    regerror(rc, re, why, sizeof why);
    return parse_fail(&p->at, "expected a POSIX extended regular expression: %s in '%s'", why,
                      pattern);
  }
  return 0;
}

/* The words between the keyword and the colon:
 * `expect [tagged] [exactly N | at least N]:`, `reject:`, `partial [tagged]:`. */
static int parse_qualifiers(struct parser *p, char *head, const char *keyword,
                            struct rubric_cond *cond)
{
  char *w = next_word(&head);
  if (w && strcmp(w, "tagged") == 0 && strcmp(keyword, "reject") != 0) {
    cond->tagged = true;
    w = next_word(&head);
  }
  if (w && strcmp(keyword, "expect") == 0 && strcmp(w, "exactly") == 0) {
    cond->kind = COND_EXACTLY;
    if (parse_count(p, &head, &cond->count) < 0)
      return -1;
  } else if (w && strcmp(keyword, "expect") == 0 && strcmp(w, "at") == 0) {
    if (!(w = next_word(&head)) || strcmp(w, "least") != 0)
      return parse_fail(&p->at, "expected 'at least N:' after 'expect'");
    if (parse_count(p, &head, &cond->count) < 0)
      return -1;
  } else if (w && strcmp(keyword, "expect") == 0) {
    return parse_fail(
        &p->at, "expected ':', 'tagged', 'exactly N:' or 'at least N:' after 'expect', found '%s'",
        w);
  } else if (w) {
    return parse_fail(&p->at, "expected ':'%s after '%s', found '%s'",
                      strcmp(keyword, "partial") == 0 ? " or 'tagged'" : "", keyword, w);
  }
  if ((w = next_word(&head)))
    return parse_fail(&p->at, "expected ':' after the count, found '%s'", w);
  return 0;
}

/* `expect ...: ERE`, `reject: ERE` or `partial [tagged]: ERE`. */
static int parse_condition(struct parser *p, char *line, const char *keyword)
{
  struct rubric_check *c = &p->r->checks[p->r->nchecks - 1];
  struct rubric_cond cond = {.kind = COND_AT_LEAST, .count = 1, .line = p->at.line};
  char *colon = strchr(line, ':');
  if (!colon)
    return parse_fail(&p->at, "expected ':' and a regular expression after '%s'", keyword);
  *colon = '\0';
  char *head = line;
  next_word(&head); /* the keyword itself */
  if (strcmp(keyword, "reject") == 0)
    cond.kind = COND_NONE, cond.count = 0;
  if (strcmp(keyword, "partial") == 0)
    cond.kind = COND_PARTIAL;
  if (parse_qualifiers(p, head, keyword, &cond) < 0)
    return -1;
  char *pattern = skip_space(colon + 1);
  if (*pattern == '\0')
    return parse_fail(&p->at, "expected a regular expression after '%s:'", keyword);
  for (int k = 0; cond.kind == COND_PARTIAL && k < c->nconds; k++)
    if (c->conds[k].kind == COND_PARTIAL)
      return parse_fail(&p->at, "check '%s' already takes its score from line %d", c->name,
                        c->conds[k].line);
  if (compile(p, &cond.re, pattern, cond.kind == COND_PARTIAL) < 0)
    return -1;
  if (cond.kind == COND_PARTIAL && cond.re.re_nsub < 2) {
    regfree(&cond.re);
    return parse_fail(&p->at,
                      "expected a regular expression with two groups, (GOT) and (OUT OF), "
                      "after 'partial:', found %d in '%s'",
                      (int)cond.re.re_nsub, pattern);
  }
  cond.pattern = strdup(pattern);
  c->conds = parse_grow(c->conds, c->nconds, sizeof cond);
  c->conds[c->nconds++] = cond;
  return 0;
}

/* `section: START .. END` or `section: START`. The separator is " .. " with
 * its blanks, so that a pattern may still hold "..", as in `a..b`. */
static int parse_section(struct parser *p, char *line)
{
  struct rubric_check *c = &p->r->checks[p->r->nchecks - 1];
  char *colon = strchr(line, ':');
  if (!colon || skip_space(line + strlen("section")) != colon)
    return parse_fail(&p->at, "expected 'section: START .. END'");
  if (c->section)
    return parse_fail(&p->at, "check '%s' already has a section (line %d)", c->name,
                      c->section->line);
  char *start = skip_space(colon + 1), *sep = strstr(start, " .. "), *end = NULL;
  size_t n = strlen(start);
  if (!sep && n >= 3 && strcmp(start + n - 3, " ..") == 0)
    return parse_fail(&p->at, "expected a regular expression on each side of ' .. ' after "
                              "'section:'");
  if (sep) {
    end = skip_space(sep + 4);
    while (sep > start && (sep[-1] == ' ' || sep[-1] == '\t'))
      sep--;
    *sep = '\0';
  }
  if (*start == '\0' || (end && *end == '\0'))
    return parse_fail(&p->at, "expected a regular expression on each side of ' .. ' after "
                              "'section:'");
  struct rubric_section *sec = calloc(1, sizeof *sec);
  if (!sec)
    return parse_fail(&p->at, "out of memory");
  sec->line = p->at.line;
  if (compile(p, &sec->start, start, false) < 0) {
    free(sec);
    return -1;
  }
  if (end && compile(p, &sec->end, end, false) < 0) {
    regfree(&sec->start);
    free(sec);
    return -1;
  }
  sec->start_pattern = strdup(start);
  sec->end_pattern = end ? strdup(end) : NULL;
  c->section = sec;
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

/* A symbol as the kernel's symbol table spells it (GCC's local clones add
 * '.' and a number), or "..." for any frames. */
static bool is_function_name(const char *w)
{
  if (strcmp(w, "...") == 0)
    return true;
  for (const char *q = w; *q; q++)
    if (!isalnum((unsigned char)*q) && *q != '_' && *q != '.' && *q != '$')
      return false;
  return *w != '\0';
}

/* `backtrace through: FUNCTION ...`: the names of C functions, or "...". */
static int parse_backtrace(struct parser *p, char *line)
{
  struct rubric_check *c = &p->r->checks[p->r->nchecks - 1];
  struct rubric_cond cond = {.kind = COND_BACKTRACE, .line = p->at.line};
  char *colon = strchr(line, ':');
  char *head = line, *w;
  next_word(&head); /* "backtrace" */
  if (colon)
    *colon = '\0';
  if (!colon || !(w = next_word(&head)) || strcmp(w, "through") != 0 || next_word(&head))
    return parse_fail(&p->at, "expected 'backtrace through: FUNCTION ...'");
  char *rest = colon + 1;
  cond.pattern = strdup(skip_space(rest));
  while ((w = next_word(&rest))) {
    if (!is_function_name(w)) {
      for (int k = 0; k < cond.nfunctions; k++)
        free(cond.functions[k]);
      free(cond.functions);
      free(cond.pattern);
      return parse_fail(&p->at,
                        "expected function names or '...' after 'backtrace through:', "
                        "found '%s'",
                        w);
    }
    cond.functions = parse_grow(cond.functions, cond.nfunctions, sizeof(char *));
    cond.functions[cond.nfunctions++] = strdup(w);
  }
  if (cond.nfunctions == 0) {
    free(cond.pattern);
    return parse_fail(&p->at, "expected function names after 'backtrace through:'");
  }
  c->conds = parse_grow(c->conds, c->nconds, sizeof cond);
  c->conds[c->nconds++] = cond;
  return 0;
}

/* A check with no condition would pass whatever happened; refuse it where
 * the instructor can see which one. */
static int finish_block(struct parser *p)
{
  struct rubric *r = p->r;
  if (p->block == IN_CHECK && r->checks[r->nchecks - 1].nconds == 0) {
    p->at.line = r->checks[r->nchecks - 1].line;
    return parse_fail(&p->at,
                      "check '%s' needs at least one 'expect', 'reject' or 'backtrace' line",
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
    /* Typed at the console, a control character is a key: Ctrl-A is QEMU's
     * escape (Ctrl-A X quits it), Ctrl-D, Ctrl-C and Ctrl-U reach the shell. */
    for (const char *q = cmd; *q; q++)
      if ((unsigned char)*q < 0x20 || *q == 0x7f)
        return parse_fail(&p->at,
                          "expected printable text after '$', found the control character "
                          "0x%02x (Ctrl-A is QEMU's escape key)",
                          (unsigned char)*q);
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
    if (strcmp(word, "expect") == 0 || strcmp(word, "reject") == 0 || strcmp(word, "partial") == 0)
      return parse_condition(p, body, word);
    if (strcmp(word, "section") == 0)
      return parse_section(p, body);
    if (strcmp(word, "backtrace") == 0)
      return parse_backtrace(p, body);
    if (strcmp(word, "depends") == 0) {
      next_word(&rest);
      return parse_depends(p, rest);
    }
    return parse_fail(&p->at,
                      "expected 'expect', 'reject', 'partial', 'backtrace', 'section' or "
                      "'depends on' inside "
                      "check '%s'",
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
      struct rubric_cond *cond = &r->checks[i].conds[j];
      if (cond->kind != COND_BACKTRACE)
        regfree(&cond->re);
      for (int k = 0; k < cond->nfunctions; k++)
        free(cond->functions[k]);
      free(cond->functions);
      free(cond->pattern);
    }
    free(r->checks[i].conds);
    struct rubric_section *sec = r->checks[i].section;
    if (sec) {
      regfree(&sec->start);
      if (sec->end_pattern)
        regfree(&sec->end);
      free(sec->start_pattern);
      free(sec->end_pattern);
      free(sec);
    }
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
