/* handout-manifest: check a lab's handout manifest and print it one
 * directive a line with comments and blanks gone, the form the branch
 * generator (tools/handout.sh) and `ninja submission` read. With --root, also
 * check that the files it names are there. Exit 0, 1 for a refused manifest,
 * 2 for a usage error. */
#include "grader/class/manifest.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static void usage(void)
{
  fprintf(stderr, "usage: handout-manifest [--root DIR] [--quiet] MANIFEST\n");
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
  for (int i = 0; i < m->nentries; i++) {
    const struct manifest_entry *e = &m->entries[i];
    if (e->kind == MANIFEST_WRITE)
      printf("write %s\n", e->path);
    else if (e->kind == MANIFEST_REPLACE)
      printf("replace %s from %s\n", e->path, e->from);
    else
      printf("withhold %s\n", e->path);
  }
  for (int i = 0; i < m->nvisibility; i++)
    printf("visibility %s %s\n", m->visibility[i].check, m->visibility[i].level);
}

int main(int argc, char **argv)
{
  static const struct option opts[] = {
      {"root", required_argument, NULL, 'r'},
      {"quiet", no_argument, NULL, 'q'},
      {NULL, 0, NULL, 0},
  };
  const char *root = NULL;
  int quiet = 0;
  for (int c; (c = getopt_long(argc, argv, "", opts, NULL)) != -1;) {
    if (c == 'r')
      root = optarg;
    else if (c == 'q')
      quiet = 1;
    else
      usage();
  }
  if (optind != argc - 1)
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
