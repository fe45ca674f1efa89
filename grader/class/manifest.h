/* A lab's handout manifest, labs/<lab>/handout (docs/teaching.md): which of
 * its own files the student writes, which the lab's branch carries in
 * another version, which it withholds, and which earlier labs it needs
 * working. It names nothing of another lab: manifest_branch.h derives that.
 * The batch grader, `ninja submission` and the branch generator all read it
 * through this parser. */
#pragma once

#include <stddef.h>

enum manifest_kind {
  MANIFEST_WRITE,    /* the student's: begins as labs/<lab>/starter/<path> */
  MANIFEST_REPLACE,  /* carried as the file `from` names, not the student's */
  MANIFEST_WITHHOLD, /* absent from the branch; a directory, all under it */
  MANIFEST_OWN,      /* as it is, but only in the branches of this lab and of
                        labs that need it (its tests, say); a directory too */
};

struct manifest_entry {
  enum manifest_kind kind;
  char *path;  /* relative to the tree's root */
  char *from;  /* MANIFEST_REPLACE only */
  int sibling; /* MANIFEST_WRITE: `write PATH sibling`, a file a branch that
                  does not need this lab leaves out rather than take its
                  starter (which may build on an earlier lab's solution) */
  int line;    /* where the manifest says so */
};

/* `visibility CHECK LEVEL`: how Gradescope shows a check of the rubric. */
struct manifest_visibility {
  char *check;
  char *level; /* hidden, after_due_date, after_published or visible */
  int line;
};

/* `needs LAB`: the branch holds LAB's solutions (LAB must come earlier). */
struct manifest_need {
  char *lab;
  int line;
};

struct manifest {
  char *lab;
  char *readme; /* the lab's handout in docs/labs/, or NULL */
  struct manifest_entry *entries;
  int nentries;
  struct manifest_visibility *visibility;
  int nvisibility;
  struct manifest_need *needs;
  int nneeds;
};

/* Parse the manifest text; name is what messages call it. 0, or -1 with
 * "name:line: why" in err and nothing left to free. */
int manifest_parse(struct manifest *m, const char *text, const char *name, char *err,
                   size_t errlen);

/* manifest_parse of the file at path. */
int manifest_load(struct manifest *m, const char *path, char *err, size_t errlen);

void manifest_free(struct manifest *m);

/* The entry that names path itself, or for a withheld or own directory a
 * path under it; NULL if the manifest leaves path as it is. */
const struct manifest_entry *manifest_lookup(const struct manifest *m, const char *path);

/* The Gradescope visibility of check: its `visibility` line, else "visible". */
const char *manifest_visibility_of(const struct manifest *m, const char *check);
