/* The course as the branch generator sees it (docs/teaching.md): the labs in
 * teaching order (labs/course), each lab's own manifest (labs/<lab>/handout),
 * and the instructor's files withheld from every branch (labs/instructor).
 * From these it derives, file by file, what one lab's branch holds: a lab's
 * manifest names only its own files, and the rest follows from the order
 * and the `needs` lines. */
#pragma once

#include <stddef.h>

#include "grader/class/manifest.h"

/* A lab of labs/course whose folder the tree holds. */
struct course_lab {
  char *name;
  int has_manifest;  /* labs/<name>/handout exists: the lab gets a branch */
  struct manifest m; /* parsed when has_manifest */
};

/* `withhold PATTERN` of labs/instructor; a `*` component matches any name. */
struct course_withhold {
  char *pattern;
  int line;
};

struct course {
  struct course_lab *labs; /* in teaching order; labs without a folder left out */
  int nlabs;
  struct course_withhold *withheld;
  int nwithheld;
};

/* Read labs/course, labs/instructor and every lab's manifest under root, and
 * check them together: every manifest's lab is in the course, a need names
 * an earlier lab with a folder, no file is two labs' or both a lab's and
 * the instructor's. 0, or -1 with "file:line: why" in err. */
int course_load(struct course *c, const char *root, char *err, size_t errlen);

void course_free(struct course *c);

/* The lab called name, or NULL. */
const struct course_lab *course_find(const struct course *c, const char *name);

/* Whether the branch of lab needs other's solutions, directly or through a
 * lab it needs. */
int course_needs(const struct course *c, const char *lab, const char *other);

enum branch_action {
  BRANCH_KEEP, /* as the instructor's tree has it */
  BRANCH_COPY, /* with the content of another file: a starter, a replacement */
  BRANCH_DROP, /* absent */
};

struct branch_file {
  enum branch_action action;
  char from[512]; /* BRANCH_COPY: the file whose content the branch holds */
  char why[512];  /* BRANCH_COPY and BRANCH_DROP: the rule, for people */
};

/* What the branch of lab holds at path (a file of the instructor's tree). */
void course_branch_file(const struct course *c, const char *lab, const char *path,
                        struct branch_file *out);
