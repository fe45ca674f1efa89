/* A lab's handout manifest, labs/<lab>/handout (docs/teaching.md): which
 * files the student writes, which the lab's branch carries in another
 * version, and which it withholds. The batch grader, `ninja submission` and
 * the branch generator all read it through this parser. */
#pragma once

#include <stddef.h>

enum manifest_kind {
  MANIFEST_WRITE,    /* the student's: begins as labs/<lab>/starter/<path> */
  MANIFEST_REPLACE,  /* carried as the file `from` names, not the student's */
  MANIFEST_WITHHOLD, /* absent from the branch; a directory, all under it */
};

struct manifest_entry {
  enum manifest_kind kind;
  char *path; /* relative to the tree's root */
  char *from; /* MANIFEST_REPLACE only */
  int line;   /* where the manifest says so */
};

/* `visibility CHECK LEVEL`: how Gradescope shows a check of the rubric. */
struct manifest_visibility {
  char *check;
  char *level; /* hidden, after_due_date, after_published or visible */
  int line;
};

struct manifest {
  char *lab;
  char *readme; /* the lab's handout in docs/labs/, or NULL */
  struct manifest_entry *entries;
  int nentries;
  struct manifest_visibility *visibility;
  int nvisibility;
};

/* Parse the manifest text; name is what messages call it. 0, or -1 with
 * "name:line: why" in err and nothing left to free. */
int manifest_parse(struct manifest *m, const char *text, const char *name, char *err,
                   size_t errlen);

/* manifest_parse of the file at path. */
int manifest_load(struct manifest *m, const char *path, char *err, size_t errlen);

void manifest_free(struct manifest *m);

/* The entry that names path itself, or for a withheld directory a path
 * under it; NULL if the manifest leaves path as it is. */
const struct manifest_entry *manifest_lookup(const struct manifest *m, const char *path);

/* The Gradescope visibility of check: its `visibility` line, else "visible". */
const char *manifest_visibility_of(const struct manifest *m, const char *check);
