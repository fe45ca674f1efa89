/* Rubrics: the runs a lab's grading boots and the checks on their console
 * output, as parsed from the plain-text rubric files under labs/<lab>/.
 * Relies on POSIX regex.h; the language itself is described in docs/grading.md. */
#pragma once

#include <regex.h>
#include <stdbool.h>
#include <stddef.h>

#define RUBRIC_NAME_MAX 64

/* Limits past which a number in a rubric is a mistake, not a choice: no run
 * needs more than a day, no check more than a thousand points. */
#define RUBRIC_MAX_SECONDS 86400.0
#define RUBRIC_MAX_POINTS  1000.0

/* The default run timeout, and the default idle limit: how long a run may
 * print nothing before it is called a hang. The idle default is the longest
 * silence of a correct kernel in our own grading, 110 s (cowtest's forkfork
 * on the eager kernel, on a loaded machine), times a margin of two, rounded
 * up; docs/grading.md gives the measurements. */
#define RUBRIC_DEFAULT_TIMEOUT 60.0
#define RUBRIC_DEFAULT_IDLE    60.0

/* One boot of the kernel: the commands typed at successive `$ ` prompts. */
struct rubric_run {
  char name[RUBRIC_NAME_MAX];
  double timeout_s; /* whole run, boot to power-off, before --timeout-scale */
  double idle_s;    /* longest silence allowed, before --timeout-scale */
  char **commands;
  int ncommands;
  int line; /* where the run was declared, for messages */
};

enum cond_kind {
  COND_AT_LEAST, /* at least `count` lines match (expect) */
  COND_EXACTLY,  /* exactly `count` lines match */
  COND_NONE,     /* no line matches (reject) */
  COND_PARTIAL,  /* the last matching line gives the score: groups 1 and 2 */
  COND_BACKTRACE /* a kernel backtrace begins with `functions` (grader/symbolize.h) */
};

/* One condition on a run's console lines; a check holds when all of its do. */
struct rubric_cond {
  enum cond_kind kind;
  int count;
  bool tagged;      /* only lines with a valid verdict tag count (grader/tag.h) */
  char *pattern;    /* the ERE as written, for messages (COND_BACKTRACE: the names) */
  regex_t re;       /* not compiled for COND_BACKTRACE */
  char **functions; /* COND_BACKTRACE: function names in order, "..." for any frames */
  int nfunctions;
  int line;
};

/* `section: START .. END`: a check's conditions hold on the lines from the
 * first match of START through the next match of END (which may be START's
 * own line), or to the end of the console when END never matches or is
 * not given. */
struct rubric_section {
  char *start_pattern, *end_pattern; /* end_pattern NULL: to the end */
  regex_t start, end;
  int line;
};

struct rubric_check {
  char name[RUBRIC_NAME_MAX];
  double points;
  int run;    /* index into rubric.runs */
  int parent; /* index into rubric.checks of `depends on`, or -1 */
  struct rubric_cond *conds;
  int nconds;
  struct rubric_section *section; /* NULL: the whole console */
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
