/* The handout manifest's parser (manifest.h): one directive a line, words
 * split on blanks, `#` to the end of a line a comment. It refuses, with the
 * file and line, anything it cannot take at its word: an unknown directive,
 * a path that leaves the tree, a file named twice, a file both handed out
 * and withheld, a lab needed twice or needing itself. */
#define _GNU_SOURCE
#include "grader/class/manifest.h"
#include "grader/parse.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_WORDS 8

static const char *const levels[] = {"hidden", "after_due_date", "after_published", "visible"};

/* A path must stay inside the tree and name a file or directory one way
 * only, or a lookup could miss what the manifest means. */
static int check_path(const struct parse_cursor *c, const char *path)
{
  if (path[0] == '/')
    return parse_fail(c, "'%s' is absolute: give a path relative to the tree's root", path);
  size_t len = strlen(path);
  if (path[len - 1] == '/')
    return parse_fail(c, "'%s' ends in '/': name a directory without it", path);
  for (const char *p = path; *p;) {
    size_t n = strcspn(p, "/");
    if (n == 0 || (n == 1 && p[0] == '.') || (n == 2 && p[0] == '.' && p[1] == '.'))
      return parse_fail(c, "'%s' has an empty, '.' or '..' component", path);
    p += n;
    if (*p == '/')
      p++;
  }
  return 0;
}

/* Whether path is dir or lies under it. */
static int within(const char *path, const char *dir)
{
  size_t n = strlen(dir);
  return strncmp(path, dir, n) == 0 && (path[n] == '\0' || path[n] == '/');
}

static int add_entry(struct manifest *m, const struct parse_cursor *c, enum manifest_kind kind,
                     const char *path, const char *from, int sibling)
{
  if (check_path(c, path) != 0 || (from && check_path(c, from) != 0))
    return -1;
  for (int i = 0; i < m->nentries; i++) {
    const struct manifest_entry *e = &m->entries[i];
    if (strcmp(e->path, path) == 0)
      return parse_fail(c, "'%s' is already named on line %d", path, e->line);
    /* A withheld directory and a file handed out under it contradict. */
    if (e->kind == MANIFEST_WITHHOLD && kind != MANIFEST_WITHHOLD && within(path, e->path))
      return parse_fail(c, "'%s' lies under '%s', withheld on line %d", path, e->path, e->line);
    if (kind == MANIFEST_WITHHOLD && e->kind != MANIFEST_WITHHOLD && within(e->path, path))
      return parse_fail(c, "withholding '%s' would withhold '%s', handed out on line %d", path,
                        e->path, e->line);
  }
  m->entries = parse_grow(m->entries, m->nentries, sizeof *m->entries);
  m->entries[m->nentries++] = (struct manifest_entry){.kind = kind,
                                                      .path = strdup(path),
                                                      .from = from ? strdup(from) : NULL,
                                                      .sibling = sibling,
                                                      .line = c->line};
  return 0;
}

static int set_once(char **field, const struct parse_cursor *c, const char *what, const char *val)
{
  if (*field)
    return parse_fail(c, "'%s' is given twice", what);
  *field = strdup(val);
  return 0;
}

static int add_visibility(struct manifest *m, const struct parse_cursor *c, const char *check,
                          const char *level)
{
  int known = 0;
  for (size_t i = 0; i < sizeof levels / sizeof levels[0]; i++)
    known |= strcmp(level, levels[i]) == 0;
  if (!known)
    return parse_fail(
        c, "visibility '%s' is not hidden, after_due_date, after_published or visible", level);
  for (int i = 0; i < m->nvisibility; i++)
    if (strcmp(m->visibility[i].check, check) == 0)
      return parse_fail(c, "check '%s' has a visibility already, on line %d", check,
                        m->visibility[i].line);
  m->visibility = parse_grow(m->visibility, m->nvisibility, sizeof *m->visibility);
  m->visibility[m->nvisibility++] =
      (struct manifest_visibility){.check = strdup(check), .level = strdup(level), .line = c->line};
  return 0;
}

static int add_need(struct manifest *m, const struct parse_cursor *c, const char *lab)
{
  for (int i = 0; i < m->nneeds; i++)
    if (strcmp(m->needs[i].lab, lab) == 0)
      return parse_fail(c, "'%s' is needed already, on line %d", lab, m->needs[i].line);
  m->needs = parse_grow(m->needs, m->nneeds, sizeof *m->needs);
  m->needs[m->nneeds++] = (struct manifest_need){.lab = strdup(lab), .line = c->line};
  return 0;
}

/* One directive, already split into n words. */
static int parse_directive(struct manifest *m, const struct parse_cursor *c, char **w, int n)
{
  const char *d = w[0];
  int want = strcmp(d, "replace") == 0 ? 4 : strcmp(d, "visibility") == 0 ? 3 : 2;
  /* `write PATH sibling` is the one optional word. */
  int sibling = strcmp(d, "write") == 0 && n == 3 && strcmp(w[2], "sibling") == 0;
  if (sibling)
    n--;
  if (strcmp(d, "lab") && strcmp(d, "readme") && strcmp(d, "needs") && strcmp(d, "write") &&
      strcmp(d, "replace") && strcmp(d, "withhold") && strcmp(d, "own") && strcmp(d, "visibility"))
    return parse_fail(
        c, "unknown directive '%s' (lab, readme, needs, write, replace, withhold, own, visibility)",
        d);
  if (n != want || (want == 4 && strcmp(w[2], "from") != 0)) {
    const char *form = want == 4                 ? "replace PATH from SOURCE"
                       : want == 3               ? "visibility CHECK LEVEL"
                       : strcmp(d, "write") == 0 ? "one word after it, and maybe 'sibling'"
                                                 : "one word after it";
    return parse_fail(c, "'%s' takes %s", d, form);
  }
  if (strcmp(d, "lab") == 0)
    return set_once(&m->lab, c, d, w[1]);
  if (strcmp(d, "readme") == 0)
    return check_path(c, w[1]) != 0 ? -1 : set_once(&m->readme, c, d, w[1]);
  if (strcmp(d, "visibility") == 0)
    return add_visibility(m, c, w[1], w[2]);
  if (strcmp(d, "needs") == 0)
    return add_need(m, c, w[1]);
  if (strcmp(d, "write") == 0)
    return add_entry(m, c, MANIFEST_WRITE, w[1], NULL, sibling);
  if (strcmp(d, "replace") == 0)
    return add_entry(m, c, MANIFEST_REPLACE, w[1], w[3], 0);
  if (strcmp(d, "own") == 0)
    return add_entry(m, c, MANIFEST_OWN, w[1], NULL, 0);
  return add_entry(m, c, MANIFEST_WITHHOLD, w[1], NULL, 0);
}

int manifest_parse(struct manifest *m, const char *text, const char *name, char *err, size_t errlen)
{
  *m = (struct manifest){0};
  struct parse_cursor c = {.path = name, .line = 0, .err = err, .errlen = errlen};
  char *copy = strdup(text);
  char *save = NULL;
  int rc = 0;
  /* strsep, not strtok: an empty line still counts as a line. */
  for (char *rest = copy, *line; rc == 0 && (line = strsep(&rest, "\n"));) {
    c.line++;
    line[strcspn(line, "#")] = '\0';
    char *w[MAX_WORDS];
    int n = 0;
    for (char *tok = strtok_r(line, " \t\r", &save); tok; tok = strtok_r(NULL, " \t\r", &save))
      if (n < MAX_WORDS)
        w[n++] = tok;
    if (n > 0)
      rc = parse_directive(m, &c, w, n);
  }
  free(copy);
  if (rc == 0 && !m->lab) {
    c.line = 1;
    rc = parse_fail(&c, "no 'lab NAME' line");
  }
  for (int i = 0; rc == 0 && i < m->nneeds; i++)
    if (strcmp(m->needs[i].lab, m->lab) == 0) {
      c.line = m->needs[i].line;
      rc = parse_fail(&c, "lab %s cannot need itself", m->lab);
    }
  if (rc != 0)
    manifest_free(m);
  return rc;
}

int manifest_load(struct manifest *m, const char *path, char *err, size_t errlen)
{
  char *text = parse_read_file(path);
  if (!text) {
    *m = (struct manifest){0};
    snprintf(err, errlen, "%s: %s", path, strerror(errno));
    return -1;
  }
  int rc = manifest_parse(m, text, path, err, errlen);
  free(text);
  return rc;
}

void manifest_free(struct manifest *m)
{
  for (int i = 0; i < m->nentries; i++) {
    free(m->entries[i].path);
    free(m->entries[i].from);
  }
  for (int i = 0; i < m->nvisibility; i++) {
    free(m->visibility[i].check);
    free(m->visibility[i].level);
  }
  for (int i = 0; i < m->nneeds; i++)
    free(m->needs[i].lab);
  free(m->entries);
  free(m->visibility);
  free(m->needs);
  free(m->lab);
  free(m->readme);
  *m = (struct manifest){0};
}

const struct manifest_entry *manifest_lookup(const struct manifest *m, const char *path)
{
  for (int i = 0; i < m->nentries; i++) {
    const struct manifest_entry *e = &m->entries[i];
    int dir = e->kind == MANIFEST_WITHHOLD || e->kind == MANIFEST_OWN;
    if (dir ? within(path, e->path) : strcmp(path, e->path) == 0)
      return e;
  }
  return NULL;
}

const char *manifest_visibility_of(const struct manifest *m, const char *check)
{
  for (int i = 0; i < m->nvisibility; i++)
    if (strcmp(m->visibility[i].check, check) == 0)
      return m->visibility[i].level;
  return "visible";
}
