/* Rubrics: the runs a lab's grading boots and the checks on their console
 * output, as parsed from the plain-text rubric files under labs/<lab>/.
 * Relies on POSIX regex.h; the language itself is described in docs/grading.md. */
#pragma once

#include <regex.h>
#include <stddef.h>

#define RUBRIC_NAME_MAX 64

/* One boot of the kernel: the commands typed at successive `$ ` prompts. */
struct rubric_run {
  char name[RUBRIC_NAME_MAX];
  double timeout_s; /* whole run, boot to power-off, before --timeout-scale */
  char **commands;
  int ncommands;
  int line; /* where the run was declared, for messages */
};

enum cond_kind {
  COND_AT_LEAST, /* at least `count` lines match (expect) */
  COND_EXACTLY,  /* exactly `count` lines match */
  COND_NONE,     /* no line matches (reject) */
};

/* One condition on a run's console lines; a check holds when all of its do. */
struct rubric_cond {
  enum cond_kind kind;
  int count;
  char *pattern; /* the ERE as written, for messages */
  regex_t re;
  int line;
};

struct rubric_check {
  char name[RUBRIC_NAME_MAX];
  double points;
  int run;    /* index into rubric.runs */
  int parent; /* index into rubric.checks of `depends on`, or -1 */
  struct rubric_cond *conds;
  int nconds;
  int line;
};

struct rubric {
  char *path;
  struct rubric_run *runs;
  int nruns;
  struct rubric_check *checks;
  int nchecks;
};

/* Parse rubric text; `path` names it in messages. On error returns -1 with
 * "path:line: what was expected" in err and nothing left allocated. */
int rubric_parse(struct rubric *r, const char *path, const char *text, char *err, size_t errlen);

/* Read and parse a rubric file. */
int rubric_load(struct rubric *r, const char *path, char *err, size_t errlen);

void rubric_free(struct rubric *r);

/* Index of the run or check of that name, or -1. */
int rubric_find_run(const struct rubric *r, const char *name);
int rubric_find_check(const struct rubric *r, const char *name);
