/* The variant table of a lab (labs/<lab>/variants): one kernel per row, the
 * options that build it, and which rubric checks it must fail or may fail.
 * Pure parsing with no I/O beyond reading the file; the format is described
 * at the top of labs/cow/variants. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "grader/rubric.h"

#define VARIANT_OPTION_MAX 32

/* What a row claims about its kernel; it decides which runs are graded and
 * how loudly a mismatch is reported. */
enum variant_kind {
  VARIANT_CORRECT,  /* a correct kernel of the lab: must pass every check */
  VARIANT_BASELINE, /* correct, but without the lab's mechanism (eager fork) */
  VARIANT_BROKEN,   /* broken on purpose: the grader must catch it */
};

enum variant_expect { EXPECT_PASS, EXPECT_FAIL, EXPECT_MAY_FAIL };

/* One -D<mechanism>=<sibling> word of a row. The matrix knows no mechanism
 * by name: which mechanisms exist, their base siblings and the kernel name
 * a row's options spell are Meson's to check (labs/meson.build refuses a
 * row whose name or image does not match its options at configure time),
 * so a lab that adds a mechanism changes no C. */
struct variant_option {
  char mechanism[VARIANT_OPTION_MAX], sibling[VARIANT_OPTION_MAX];
};

struct variant {
  char kernel[4 * VARIANT_OPTION_MAX + 16]; /* build target, e.g. kernel-cow-lock-trap */
  struct variant_option *options;           /* in the row's order */
  int noptions;
  /* A row of a lab with user variants (labs/ucow/variants) also names its
   * image, fs-LAB-V.img; "" for a row graded on --fs. */
  char image[VARIANT_OPTION_MAX + 16];
  /* What reports and logs call the row: the kernel, or KERNEL/IMAGE-STEM. */
  char name[5 * VARIANT_OPTION_MAX + 32];
  enum variant_kind kind;
  bool bench;  /* forkbench runs on it: a baseline is the reference, a correct one is compared */
  char **fail; /* check names that must fail; "all" stands for every graded check */
  int nfail;
  char **may_fail; /* check names whose outcome is not decided (races) */
  int nmay_fail;
  int line;
};

struct variant_table {
  char *path;
  struct variant *rows;
  int nrows;
};

/* Parse table text; `path` names it in messages. On error returns -1 with
 * "path:line: what was expected" in err and nothing left allocated. */
int variants_parse(struct variant_table *t, const char *path, const char *text, char *err,
                   size_t errlen);
int variants_load(struct variant_table *t, const char *path, char *err, size_t errlen);
void variants_free(struct variant_table *t);

/* Every check a row names must exist in the rubric; else -1 and path:line. */
int variants_check_names(const struct variant_table *t, const struct rubric *r, char *err,
                         size_t errlen);

/* The sibling row `v` chooses for `mechanism`, or NULL if it names none. */
const char *variants_option(const struct variant *v, const char *mechanism);

/* What row `v` expects of the check called `check`. */
enum variant_expect variants_expect(const struct variant *v, const char *check);

const char *variants_kind_name(enum variant_kind k);
