/* Variant table parser: one row per kernel, refused with file:line and what
 * was expected there, through the same helpers (parse.h) as the rubric
 * parser. Relies on rubric.h only for the check names the rows refer to. */
#define _GNU_SOURCE
#include "grader/matrix/variants.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grader/parse.h"

enum { MAX_WORDS = 128 };

/* Cut a line into blank-separated words, stopping at a `#` comment. */
static int split_words(char *line, char **words)
{
  int n = 0;
  for (char *s = strtok(line, " \t\r"); s && *s != '#' && n < MAX_WORDS; s = strtok(NULL, " \t\r"))
    words[n++] = s;
  return n;
}

static bool is_name(const char *w)
{
  if (!*w || strlen(w) >= RUBRIC_NAME_MAX)
    return false;
  for (; *w; w++)
    if (!isalnum((unsigned char)*w) && !strchr("-_.", *w))
      return false;
  return true;
}

/* One `-Dmechanism=sibling` word into the row's list of options. */
static int take_option(const struct parse_cursor *c, struct variant *v, const char *w)
{
  const char *eq = strchr(w, '=');
  size_t n = eq ? (size_t)(eq - (w + 2)) : 0;
  if (strncmp(w, "-D", 2) != 0 || !eq || n == 0 || n >= VARIANT_OPTION_MAX)
    return parse_fail(c, "expected -D<mechanism>=<sibling>, found '%s'", w);
  struct variant_option o = {0};
  memcpy(o.mechanism, w + 2, n);
  if (!is_name(o.mechanism) || !is_name(eq + 1) || strlen(eq + 1) >= VARIANT_OPTION_MAX ||
      strchr(eq + 1, '-'))
    return parse_fail(c, "expected a variant name after -D%s=, found '%s'", o.mechanism, eq + 1);
  if (variants_option(v, o.mechanism))
    return parse_fail(c, "-D%s is given twice", o.mechanism);
  strcpy(o.sibling, eq + 1);
  v->options = parse_grow(v->options, v->noptions, sizeof o);
  v->options[v->noptions++] = o;
  return 0;
}

const char *variants_option(const struct variant *v, const char *mechanism)
{
  for (int i = 0; i < v->noptions; i++)
    if (strcmp(v->options[i].mechanism, mechanism) == 0)
      return v->options[i].sibling;
  return NULL;
}

static int take_kind(const struct parse_cursor *c, struct variant *v, const char *w)
{
  static const char *const kinds[] = {"correct", "baseline", "broken"};
  for (int k = 0; k < 3; k++) {
    if (strcmp(w, kinds[k]) == 0) {
      v->kind = (enum variant_kind)k;
      return 0;
    }
  }
  return parse_fail(c, "expected the kind 'correct', 'baseline' or 'broken', found '%s'", w);
}

static bool listed(char **names, int n, const char *name)
{
  for (int i = 0; i < n; i++)
    if (strcmp(names[i], name) == 0)
      return true;
  return false;
}

/* Start a `fail:` or `may fail:` list; each may be given once. */
static int open_clause(const struct parse_cursor *c, bool may, bool *seen)
{
  const char *what = may ? "may fail:" : "fail:";
  if (seen[may])
    return parse_fail(c, "'%s' is given twice", what);
  seen[may] = true;
  return 0;
}

/* `fail: NAME...` and `may fail: NAME...`, in any order. */
static int take_clauses(const struct parse_cursor *c, struct variant *v, char **w, int n)
{
  bool seen[2] = {false, false};
  int open = -1; /* the clause being read: 0 fail, 1 may fail */
  int opened_at = 0;
  for (int i = 0; i < n; i++) {
    bool may = strcmp(w[i], "may") == 0 && i + 1 < n && strcmp(w[i + 1], "fail:") == 0;
    if (may || strcmp(w[i], "fail:") == 0) {
      if (open >= 0 && i == opened_at)
        return parse_fail(c, "expected check names after '%s'", open ? "may fail:" : "fail:");
      if (open_clause(c, may, seen) < 0)
        return -1;
      open = may;
      i += may;
      opened_at = i + 1;
      continue;
    }
    if (open < 0)
      return parse_fail(c, "expected 'fail:', 'may fail:' or the end of the line, found '%s'",
                        w[i]);
    if (!is_name(w[i]))
      return parse_fail(c, "expected a check name or 'all', found '%s'", w[i]);
    if (listed(v->fail, v->nfail, w[i]) || listed(v->may_fail, v->nmay_fail, w[i]))
      return parse_fail(c, "check '%s' is listed twice", w[i]);
    char ***list = open ? &v->may_fail : &v->fail;
    int *count = open ? &v->nmay_fail : &v->nfail;
    *list = parse_grow(*list, *count, sizeof(char *));
    (*list)[(*count)++] = strdup(w[i]);
  }
  if (open >= 0 && opened_at == n)
    return parse_fail(c, "expected check names after '%s'", open ? "may fail:" : "fail:");
  return 0;
}

static void free_row(struct variant *v)
{
  for (int i = 0; i < v->nfail; i++)
    free(v->fail[i]);
  for (int i = 0; i < v->nmay_fail; i++)
    free(v->may_fail[i]);
  free(v->fail);
  free(v->may_fail);
  free(v->options);
}

/* The row's name, unique in the table, and what its kind allows. Whether
 * the kernel's name spells its options is Meson's check (labs/meson.build),
 * the one place that knows the mechanisms and their base siblings. */
static int check_row(const struct parse_cursor *c, const struct variant_table *t, struct variant *v)
{
  if (v->image[0])
    snprintf(v->name, sizeof v->name, "%s/%.*s", v->kernel, (int)(strlen(v->image) - 4), v->image);
  else
    snprintf(v->name, sizeof v->name, "%s", v->kernel);
  for (int i = 0; i < t->nrows; i++)
    if (strcmp(t->rows[i].name, v->name) == 0)
      return parse_fail(c, "%s already has a row (line %d)", v->name, t->rows[i].line);
  if (v->bench && v->kind == VARIANT_BROKEN)
    return parse_fail(c, "a broken kernel is not benchmarked; 'bench' is for correct and "
                         "baseline rows");
  if (v->kind == VARIANT_CORRECT && v->nfail > 0)
    return parse_fail(c, "a correct kernel must pass every check; call it baseline or broken "
                         "to expect failures");
  return 0;
}

static int parse_row(const struct parse_cursor *c, struct variant_table *t, char **w, int n)
{
  struct variant v = {.line = c->line};
  if (!is_name(w[0]) || strncmp(w[0], "kernel-", 7) != 0 || strlen(w[0]) >= sizeof v.kernel)
    return parse_fail(c, "expected a kernel target name (kernel-...), found '%s'", w[0]);
  strcpy(v.kernel, w[0]);
  int i = 1;
  size_t len = n > 1 ? strlen(w[1]) : 0;
  if (len > 4 && strcmp(w[1] + len - 4, ".img") == 0) {
    if (!is_name(w[1]) || len >= sizeof v.image)
      return parse_fail(c, "expected an image file name, found '%s'", w[1]);
    strcpy(v.image, w[1]);
    i++;
  }
  for (; i < n && strncmp(w[i], "-D", 2) == 0; i++)
    if (take_option(c, &v, w[i]) < 0) {
      free_row(&v);
      return -1;
    }
  if (v.noptions == 0 || i >= n) {
    free_row(&v);
    return parse_fail(c, "expected -D<mechanism>=<sibling> options and a kind (correct, "
                         "baseline or broken)");
  }
  int rc = take_kind(c, &v, w[i++]);
  v.bench = i < n && strcmp(w[i], "bench") == 0;
  i += v.bench;
  if (rc == 0)
    rc = take_clauses(c, &v, w + i, n - i);
  if (rc == 0)
    rc = check_row(c, t, &v);
  if (rc < 0) {
    free_row(&v);
    return -1;
  }
  t->rows = parse_grow(t->rows, t->nrows, sizeof v);
  t->rows[t->nrows++] = v;
  return 0;
}

int variants_parse(struct variant_table *t, const char *path, const char *text, char *err,
                   size_t errlen)
{
  memset(t, 0, sizeof *t);
  t->path = strdup(path);
  struct parse_cursor c = {.path = path, .err = err, .errlen = errlen};
  char *copy = strdup(text), *words[MAX_WORDS];
  int rc = 0;
  /* strsep keeps empty lines, so line numbers stay right. */
  for (char *rest = copy, *line; rc == 0 && (line = strsep(&rest, "\n"));) {
    c.line++;
    int n = split_words(line, words);
    if (n > 0)
      rc = parse_row(&c, t, words, n);
  }
  free(copy);
  if (rc == 0 && t->nrows == 0) {
    c.line = 1;
    rc = parse_fail(&c, "expected at least one row (a kernel, its options and its kind)");
  }
  if (rc < 0)
    variants_free(t);
  return rc;
}

int variants_load(struct variant_table *t, const char *path, char *err, size_t errlen)
{
  char *text = parse_read_file(path);
  if (!text) {
    snprintf(err, errlen, "%s: cannot read the variant table: %s", path, strerror(errno));
    return -1;
  }
  int rc = variants_parse(t, path, text, err, errlen);
  free(text);
  return rc;
}

void variants_free(struct variant_table *t)
{
  for (int i = 0; i < t->nrows; i++)
    free_row(&t->rows[i]);
  free(t->rows);
  free(t->path);
  memset(t, 0, sizeof *t);
}

static int check_list(const struct variant_table *t, const struct variant *v, char **names, int n,
                      const struct rubric *r, char *err, size_t errlen)
{
  for (int i = 0; i < n; i++) {
    if (strcmp(names[i], "all") != 0 && rubric_find_check(r, names[i]) < 0) {
      snprintf(err, errlen, "%s:%d: %s has no check named '%s'", t->path, v->line, r->path,
               names[i]);
      return -1;
    }
  }
  return 0;
}

int variants_check_names(const struct variant_table *t, const struct rubric *r, char *err,
                         size_t errlen)
{
  for (int i = 0; i < t->nrows; i++) {
    const struct variant *v = &t->rows[i];
    if (check_list(t, v, v->fail, v->nfail, r, err, errlen) < 0 ||
        check_list(t, v, v->may_fail, v->nmay_fail, r, err, errlen) < 0)
      return -1;
  }
  return 0;
}

/* A named check wins over `all`, so "fail: all  may fail: x" reads as meant. */
enum variant_expect variants_expect(const struct variant *v, const char *check)
{
  if (listed(v->may_fail, v->nmay_fail, check))
    return EXPECT_MAY_FAIL;
  if (listed(v->fail, v->nfail, check))
    return EXPECT_FAIL;
  if (listed(v->may_fail, v->nmay_fail, "all"))
    return EXPECT_MAY_FAIL;
  if (listed(v->fail, v->nfail, "all"))
    return EXPECT_FAIL;
  return EXPECT_PASS;
}

const char *variants_kind_name(enum variant_kind k)
{
  switch (k) {
  case VARIANT_CORRECT:
    return "correct";
  case VARIANT_BASELINE:
    return "baseline";
  case VARIANT_BROKEN:
    return "broken";
  }
  return "?";
}
