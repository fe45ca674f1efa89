/* The course and what each lab's branch holds (manifest_branch.h). Loading
 * refuses a course whose manifests step on each other: a file is one lab's
 * or the instructor's, never two owners', and a lab needs only labs that
 * come before it, so no branch can hold a later lab's solution. */
#define _GNU_SOURCE
#include "grader/class/manifest_branch.h"
#include "grader/parse.h"

#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Whether path is dir or lies under it. */
static int within(const char *path, const char *dir)
{
  size_t n = strlen(dir);
  return strncmp(path, dir, n) == 0 && (path[n] == '\0' || path[n] == '/');
}

/* Whether path is, or lies under, what pattern names, `*` matching one
 * component: labs/ * /starter takes labs/cow/starter/kernel/mm/cow.c. */
static int pattern_takes(const char *pattern, const char *path)
{
  const char *p = pattern, *f = path;
  while (*p) {
    size_t pn = strcspn(p, "/"), fn = strcspn(f, "/");
    if (fn == 0)
      return 0;
    char pc[256], fc[256];
    snprintf(pc, sizeof pc, "%.*s", (int)pn, p);
    snprintf(fc, sizeof fc, "%.*s", (int)fn, f);
    if (fnmatch(pc, fc, 0) != 0)
      return 0;
    p += pn + (p[pn] == '/');
    f += fn + (f[fn] == '/');
  }
  return 1;
}

static int is_dir(const char *root, const char *a, const char *b)
{
  char path[4096];
  struct stat st;
  snprintf(path, sizeof path, "%s/%s%s", root, a, b);
  return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int is_file(const char *root, const char *a, const char *b, const char *c)
{
  char path[4096];
  struct stat st;
  snprintf(path, sizeof path, "%s/%s%s%s", root, a, b, c);
  return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Each line of a file, `#` comments and blanks gone, split into words;
 * line is called with the words of every line that has some. */
typedef int (*line_fn)(struct course *c, const struct parse_cursor *at, char **w, int n,
                       const char *root);

static int each_line(struct course *c, const char *root, const char *rel, line_fn fn, char *err,
                     size_t errlen)
{
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", root, rel);
  char *text = parse_read_file(path);
  if (!text) {
    snprintf(err, errlen, "%s: %s", rel, strerror(errno));
    return -1;
  }
  struct parse_cursor at = {.path = rel, .line = 0, .err = err, .errlen = errlen};
  int rc = 0;
  char *save = NULL;
  for (char *rest = text, *line; rc == 0 && (line = strsep(&rest, "\n"));) {
    at.line++;
    line[strcspn(line, "#")] = '\0';
    char *w[4];
    int n = 0;
    for (char *t = strtok_r(line, " \t\r", &save); t; t = strtok_r(NULL, " \t\r", &save))
      if (n < 4)
        w[n++] = t;
    if (n > 0)
      rc = fn(c, &at, w, n, root);
  }
  free(text);
  return rc;
}

/* A line of labs/course: one lab's name. A lab with no folder yet is
 * skipped, so the course can list labs before they land. */
static int course_line(struct course *c, const struct parse_cursor *at, char **w, int n,
                       const char *root)
{
  if (n != 1)
    return parse_fail(at, "give one lab name a line");
  if (course_find(c, w[0]))
    return parse_fail(at, "lab %s is listed twice", w[0]);
  if (!is_dir(root, "labs/", w[0]))
    return 0;
  c->labs = parse_grow(c->labs, c->nlabs, sizeof *c->labs);
  struct course_lab *l = &c->labs[c->nlabs++];
  *l = (struct course_lab){.name = strdup(w[0])};
  if (!is_file(root, "labs/", w[0], "/handout"))
    return 0;
  char rel[512];
  snprintf(rel, sizeof rel, "%s/labs/%s/handout", root, w[0]);
  if (manifest_load(&l->m, rel, at->err, at->errlen) != 0)
    return -1;
  l->has_manifest = 1;
  if (strcmp(l->m.lab, w[0]) != 0)
    return parse_fail(at, "labs/%s/handout says 'lab %s'", w[0], l->m.lab);
  return 0;
}

/* A line of labs/instructor: `withhold PATTERN`. */
static int instructor_line(struct course *c, const struct parse_cursor *at, char **w, int n,
                           const char *root)
{
  (void)root;
  if (n != 2 || strcmp(w[0], "withhold") != 0)
    return parse_fail(at, "labs/instructor takes only 'withhold PATH' lines");
  if (w[1][0] == '/' || strstr(w[1], ".."))
    return parse_fail(at, "'%s' must be relative to the tree's root, without '..'", w[1]);
  c->withheld = parse_grow(c->withheld, c->nwithheld, sizeof *c->withheld);
  c->withheld[c->nwithheld++] = (struct course_withhold){.pattern = strdup(w[1]), .line = at->line};
  return 0;
}

static int index_of(const struct course *c, const char *name)
{
  for (int i = 0; i < c->nlabs; i++)
    if (strcmp(c->labs[i].name, name) == 0)
      return i;
  return -1;
}

const struct course_lab *course_find(const struct course *c, const char *name)
{
  int i = index_of(c, name);
  return i < 0 ? NULL : &c->labs[i];
}

/* A need must name a lab of labs/course that comes earlier and whose folder
 * this tree holds (a listed lab without one is not in c->labs). */
static int check_needs(const struct course *c, const struct course_lab *l, char *err, size_t errlen)
{
  char where[512];
  snprintf(where, sizeof where, "labs/%s/handout", l->name);
  struct parse_cursor at = {.path = where, .err = err, .errlen = errlen};
  for (int i = 0; i < l->m.nneeds; i++) {
    const char *need = l->m.needs[i].lab;
    at.line = l->m.needs[i].line;
    int ni = index_of(c, need);
    if (ni < 0)
      return parse_fail(&at, "lab %s needs %s, which is not a lab of labs/course with a folder",
                        l->name, need);
    if (ni > index_of(c, l->name))
      return parse_fail(&at,
                        "lab %s needs %s, which labs/course puts later: a branch may hold only "
                        "an earlier lab's solutions",
                        l->name, need);
  }
  return 0;
}

/* Every file a manifest names is its own lab's: not under another lab's
 * folder, not named by another lab (two withholds excepted), not the
 * instructor's. */
static int check_owner(const struct course *c, const struct course_lab *l, char *err, size_t errlen)
{
  char where[512];
  snprintf(where, sizeof where, "labs/%s/handout", l->name);
  struct parse_cursor at = {.path = where, .err = err, .errlen = errlen};
  for (int i = 0; i < l->m.nentries; i++) {
    const struct manifest_entry *e = &l->m.entries[i];
    at.line = e->line;
    for (int w = 0; w < c->nwithheld; w++)
      if (pattern_takes(c->withheld[w].pattern, e->path))
        return parse_fail(&at,
                          "'%s' is the instructor's, withheld from every branch by "
                          "labs/instructor:%d: a manifest names only its own lab's files",
                          e->path, c->withheld[w].line);
    for (int o = 0; o < c->nlabs; o++) {
      const struct course_lab *other = &c->labs[o];
      char folder[512];
      snprintf(folder, sizeof folder, "labs/%s", other->name);
      if (other == l)
        continue;
      if (within(e->path, folder))
        return parse_fail(&at,
                          "'%s' is in lab %s's folder: a manifest names only its own lab's files",
                          e->path, other->name);
      if (!other->has_manifest)
        continue;
      const struct manifest_entry *f = manifest_lookup(&other->m, e->path);
      if (f && (f->kind != MANIFEST_WITHHOLD || e->kind != MANIFEST_WITHHOLD))
        return parse_fail(&at, "'%s' is lab %s's too (labs/%s/handout:%d): a file has one owner",
                          e->path, other->name, other->name, f->line);
    }
  }
  return 0;
}

/* Every manifest under labs/ is a lab the course lists, so that no lab is
 * handed out outside the teaching order. */
static int check_listed(const struct course *c, const char *root, char *err, size_t errlen)
{
  char path[4096];
  snprintf(path, sizeof path, "%s/labs", root);
  DIR *d = opendir(path);
  if (!d) {
    snprintf(err, errlen, "labs: %s", strerror(errno));
    return -1;
  }
  int rc = 0;
  for (struct dirent *e; rc == 0 && (e = readdir(d));)
    if (e->d_name[0] != '.' && is_file(root, "labs/", e->d_name, "/handout") &&
        !course_find(c, e->d_name)) {
      snprintf(err, errlen, "labs/%s/handout: lab %s is not in labs/course", e->d_name, e->d_name);
      rc = -1;
    }
  closedir(d);
  return rc;
}

int course_load(struct course *c, const char *root, char *err, size_t errlen)
{
  *c = (struct course){0};
  int rc = each_line(c, root, "labs/course", course_line, err, errlen);
  if (rc == 0)
    rc = each_line(c, root, "labs/instructor", instructor_line, err, errlen);
  if (rc == 0)
    rc = check_listed(c, root, err, errlen);
  for (int i = 0; rc == 0 && i < c->nlabs; i++) {
    const struct course_lab *l = &c->labs[i];
    if (l->has_manifest &&
        (check_needs(c, l, err, errlen) != 0 || check_owner(c, l, err, errlen) != 0))
      rc = -1;
  }
  if (rc != 0)
    course_free(c);
  return rc;
}

void course_free(struct course *c)
{
  for (int i = 0; i < c->nlabs; i++) {
    free(c->labs[i].name);
    if (c->labs[i].has_manifest)
      manifest_free(&c->labs[i].m);
  }
  for (int i = 0; i < c->nwithheld; i++)
    free(c->withheld[i].pattern);
  free(c->labs);
  free(c->withheld);
  *c = (struct course){0};
}

int course_needs(const struct course *c, const char *lab, const char *other)
{
  const struct course_lab *l = course_find(c, lab);
  if (!l || !l->has_manifest)
    return 0;
  /* Needs point strictly earlier (check_needs), so this ends. */
  for (int i = 0; i < l->m.nneeds; i++)
    if (strcmp(l->m.needs[i].lab, other) == 0 || course_needs(c, l->m.needs[i].lab, other))
      return 1;
  return 0;
}

__attribute__((format(printf, 4, 5))) static void set(struct branch_file *out, enum branch_action a,
                                                      const char *from, const char *fmt, ...)
{
  va_list ap;
  out->action = a;
  snprintf(out->from, sizeof out->from, "%s", from ? from : "");
  va_start(ap, fmt);
  vsnprintf(out->why, sizeof out->why, fmt, ap);
  va_end(ap);
}

/* What another lab's files are in this branch: its folder and handout only
 * if this lab needs it, its withheld files never, and the files its
 * students write as its starters, or its solutions if needed. 1 if other
 * decides path. */
static int other_lab_file(const struct course_lab *other, int needed, const char *path,
                          struct branch_file *out)
{
  char folder[512], from[1024];
  snprintf(folder, sizeof folder, "labs/%s", other->name);
  const struct manifest_entry *e = other->has_manifest ? manifest_lookup(&other->m, path) : NULL;
  if (e && e->kind == MANIFEST_WITHHOLD) {
    set(out, BRANCH_DROP, NULL, "withheld by labs/%s/handout:%d", other->name, e->line);
    return 1;
  }
  if (!needed && within(path, folder)) {
    set(out, BRANCH_DROP, NULL, "lab %s's folder, a lab this one does not need", other->name);
    return 1;
  }
  if (!needed && other->has_manifest && other->m.readme && strcmp(path, other->m.readme) == 0) {
    set(out, BRANCH_DROP, NULL, "lab %s's handout, a lab this one does not need", other->name);
    return 1;
  }
  if (e && e->kind == MANIFEST_OWN && !needed) {
    set(out, BRANCH_DROP, NULL, "lab %s's own, a lab this one does not need", other->name);
    return 1;
  }
  if (e && e->kind == MANIFEST_WRITE && e->sibling && !needed) {
    set(out, BRANCH_DROP, NULL, "lab %s's sibling, which a lab that does not need it does without",
        other->name);
    return 1;
  }
  if (e && e->kind == MANIFEST_WRITE && !needed) {
    snprintf(from, sizeof from, "labs/%s/starter/%s", other->name, path);
    set(out, BRANCH_COPY, from, "lab %s's students write it: its starter", other->name);
    return 1;
  }
  if (e && e->kind == MANIFEST_WRITE) {
    set(out, BRANCH_KEEP, NULL, "lab %s's solution: this lab needs it", other->name);
    return 1;
  }
  return 0;
}

void course_branch_file(const struct course *c, const char *lab, const char *path,
                        struct branch_file *out)
{
  const struct course_lab *l = course_find(c, lab);
  const struct manifest_entry *e = l && l->has_manifest ? manifest_lookup(&l->m, path) : NULL;
  char from[1024];
  set(out, BRANCH_KEEP, NULL, "as the instructor's tree has it");
  if (e && e->kind == MANIFEST_WRITE) {
    snprintf(from, sizeof from, "labs/%s/starter/%s", lab, path);
    set(out, BRANCH_COPY, from, "the student writes it (labs/%s/handout:%d)", lab, e->line);
    return;
  }
  if (e && e->kind == MANIFEST_REPLACE) {
    set(out, BRANCH_COPY, e->from, "replaced by labs/%s/handout:%d", lab, e->line);
    return;
  }
  if (e && e->kind == MANIFEST_OWN) {
    set(out, BRANCH_KEEP, NULL, "this lab's own (labs/%s/handout:%d)", lab, e->line);
    return;
  }
  if (e) {
    set(out, BRANCH_DROP, NULL, "withheld by labs/%s/handout:%d", lab, e->line);
    return;
  }
  for (int w = 0; w < c->nwithheld; w++)
    if (pattern_takes(c->withheld[w].pattern, path)) {
      set(out, BRANCH_DROP, NULL, "the instructor's (labs/instructor:%d)", c->withheld[w].line);
      return;
    }
  for (int o = 0; o < c->nlabs; o++)
    if (strcmp(c->labs[o].name, lab) != 0 &&
        other_lab_file(&c->labs[o], course_needs(c, lab, c->labs[o].name), path, out))
      return;
}
