/* handout-manifest: check a lab's handout manifest and print it one
 * directive a line with comments and blanks gone, the form `ninja
 * submission` reads. With --root, also check that the files it names are
 * there. With --course ROOT, check the whole course (labs/course,
 * labs/instructor, every manifest) and print it: the labs in teaching
 * order, their needs and the files their students write. With --course ROOT
 * --branch LAB, read the instructor's file list (one path a line) and print
 * what LAB's branch holds of each, the form tools/handout.sh reads. Exit 0,
 * 1 for a refused manifest or course, 2 for a usage error. */
#include "grader/class/manifest.h"
#include "grader/class/manifest_branch.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void usage(void)
{
  fprintf(stderr, "usage: handout-manifest [--root DIR] [--quiet] MANIFEST\n"
                  "       handout-manifest --course ROOT [--branch LAB]\n");
  exit(2);
}

/* Say, at the manifest's line, that root/a/b is missing. */
static int require(const char *manifest, int line, const char *root, const char *a, const char *b)
{
  char path[4096];
  snprintf(path, sizeof path, "%s/%s%s", root, a, b);
  if (access(path, R_OK) == 0)
    return 0;
  fprintf(stderr, "%s:%d: %s%s is not in %s\n", manifest, line, a, b, root);
  return -1;
}

/* Every file the manifest hands out must exist, each starter beside it. */
static int check_files(const struct manifest *m, const char *manifest, const char *root)
{
  char starter[512];
  snprintf(starter, sizeof starter, "labs/%s/starter/", m->lab);
  int rc = 0;
  if (m->readme)
    rc |= require(manifest, 1, root, m->readme, "");
  for (int i = 0; i < m->nentries; i++) {
    const struct manifest_entry *e = &m->entries[i];
    if (e->kind == MANIFEST_WRITE)
      rc |= require(manifest, e->line, root, starter, e->path);
    if (e->kind == MANIFEST_REPLACE)
      rc |= require(manifest, e->line, root, e->from, "");
  }
  return rc;
}

static void print(const struct manifest *m)
{
  printf("lab %s\n", m->lab);
  if (m->readme)
    printf("readme %s\n", m->readme);
  for (int i = 0; i < m->nneeds; i++)
    printf("needs %s\n", m->needs[i].lab);
  for (int i = 0; i < m->nentries; i++) {
    const struct manifest_entry *e = &m->entries[i];
    if (e->kind == MANIFEST_WRITE)
      printf("write %s%s\n", e->path, e->sibling ? " sibling" : "");
    else if (e->kind == MANIFEST_REPLACE)
      printf("replace %s from %s\n", e->path, e->from);
    else if (e->kind == MANIFEST_OWN)
      printf("own %s\n", e->path);
    else
      printf("withhold %s\n", e->path);
  }
  for (int i = 0; i < m->nvisibility; i++)
    printf("visibility %s %s\n", m->visibility[i].check, m->visibility[i].level);
}

/* The course in teaching order: `lab NAME branch` (it has a manifest) or
 * `lab NAME none`, then for each lab with a manifest its readme, its needs
 * (closed over the labs they need) and the files its students write. */
static void print_course(const struct course *c)
{
  for (int i = 0; i < c->nlabs; i++)
    printf("lab %s %s\n", c->labs[i].name, c->labs[i].has_manifest ? "branch" : "none");
  for (int i = 0; i < c->nlabs; i++) {
    const struct course_lab *l = &c->labs[i];
    if (!l->has_manifest)
      continue;
    if (l->m.readme)
      printf("readme %s %s\n", l->name, l->m.readme);
    for (int j = 0; j < c->nlabs; j++)
      if (course_needs(c, l->name, c->labs[j].name))
        printf("needs %s %s\n", l->name, c->labs[j].name);
    for (int e = 0; e < l->m.nentries; e++)
      if (l->m.entries[e].kind == MANIFEST_WRITE)
        printf("write %s %s\n", l->name, l->m.entries[e].path);
  }
}

/* For each path on stdin, a tab-separated line: `keep PATH WHY`,
 * `copy PATH FROM WHY` or `drop PATH WHY`. */
static int print_branch(const struct course *c, const char *lab)
{
  const struct course_lab *l = course_find(c, lab);
  if (!l || !l->has_manifest) {
    fprintf(stderr, "handout-manifest: %s is not a lab of labs/course with a manifest\n", lab);
    return 1;
  }
  static const char *const verbs[] = {"keep", "copy", "drop"};
  char *line = NULL;
  size_t cap = 0;
  ssize_t n;
  while ((n = getline(&line, &cap, stdin)) > 0) {
    line[strcspn(line, "\n")] = '\0';
    if (!line[0])
      continue;
    struct branch_file f;
    course_branch_file(c, lab, line, &f);
    if (f.action == BRANCH_COPY)
      printf("copy\t%s\t%s\t%s\n", line, f.from, f.why);
    else
      printf("%s\t%s\t%s\n", verbs[f.action], line, f.why);
  }
  free(line);
  return 0;
}

static int course_main(const char *root, const char *branch)
{
  struct course c;
  char err[1024];
  if (course_load(&c, root, err, sizeof err) != 0) {
    fprintf(stderr, "%s\n", err);
    return 1;
  }
  char where[512];
  int rc = 0;
  for (int i = 0; i < c.nlabs; i++)
    if (c.labs[i].has_manifest) {
      snprintf(where, sizeof where, "labs/%s/handout", c.labs[i].name);
      rc |= check_files(&c.labs[i].m, where, root) != 0;
    }
  if (rc == 0)
    rc = branch ? print_branch(&c, branch) : (print_course(&c), 0);
  course_free(&c);
  return rc;
}

int main(int argc, char **argv)
{
  static const struct option opts[] = {
      {"root", required_argument, NULL, 'r'},
      {"quiet", no_argument, NULL, 'q'},
      {"course", required_argument, NULL, 'c'},
      {"branch", required_argument, NULL, 'b'},
      {NULL, 0, NULL, 0},
  };
  const char *root = NULL, *course = NULL, *branch = NULL;
  int quiet = 0;
  for (int c; (c = getopt_long(argc, argv, "", opts, NULL)) != -1;) {
    if (c == 'r')
      root = optarg;
    else if (c == 'q')
      quiet = 1;
    else if (c == 'c')
      course = optarg;
    else if (c == 'b')
      branch = optarg;
    else
      usage();
  }
  if (course)
    return optind == argc ? course_main(course, branch) : (usage(), 2);
  if (optind != argc - 1 || branch)
    usage();

  struct manifest m;
  char err[512];
  if (manifest_load(&m, argv[optind], err, sizeof err) != 0) {
    fprintf(stderr, "%s\n", err);
    return 1;
  }
  int rc = root && check_files(&m, argv[optind], root) != 0 ? 1 : 0;
  if (rc == 0 && !quiet)
    print(&m);
  manifest_free(&m);
  return rc;
}
