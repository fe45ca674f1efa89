/* Results of runs and checks, and the score arithmetic that turns run
 * transcripts into per-check verdicts (dependencies included). */
#pragma once

#include <stdbool.h>

#include "grader/rubric.h"
#include "grader/tag.h"

enum run_verdict {
  RUN_NOT_RUN,      /* not selected, or the grader stopped before it */
  RUN_PASSED,       /* "completed": every prompt reached, powered off with status 0 */
  RUN_EXITED,       /* QEMU ended on its own, or with a non-zero status */
  RUN_PANIC,        /* the kernel panicked: QEMU exited with the kernel's panic status */
  RUN_TIMEOUT,      /* the run's deadline passed */
  RUN_IDLE,         /* nothing printed for the run's idle limit: a hang */
  RUN_START_FAILED, /* QEMU could not be started or died before any output */
  RUN_INTERRUPTED,  /* the grader was told to stop (SIGINT, SIGTERM) */
};

struct run_result {
  enum run_verdict verdict;
  char *output;     /* console text, carriage returns removed; NULL if not run */
  char *detail;     /* for a verdict other than passed: what happened, with lines */
  double elapsed;   /* seconds from starting QEMU to its exit */
  double silence;   /* longest stretch without console output, in seconds */
  int silence_line; /* the console line whose output ended it (0: the run's end) */
  double latency;   /* panic or hang: seconds from when it could be known to the verdict */
  int exit_status;  /* QEMU's exit status, or -1 */
  bool keyed;       /* the image copy held the key that tags are checked with */
  unsigned char key[TAG_KEY_LEN];
  char log_path[512];
  char kernel_path[512]; /* the kernel booted, whose symbols name its backtraces */
  char *backtraces;      /* the console's kernel backtraces, symbolized; NULL if none */
};

/* CHECK_PARTIAL: every condition held and the partial-credit line gave some
 * but not all of the points; it counts as not passed (for `depends on`, the
 * exit status and TAP) while keeping the points it earned. */
enum check_status { CHECK_UNGRADED, CHECK_PASSED, CHECK_FAILED, CHECK_SKIPPED, CHECK_PARTIAL };

struct check_result {
  enum check_status status;
  double score;
  char *output; /* why it failed, was skipped or earned part; NULL when passed */
};

struct score_total {
  double score, max_score;
  int passed, failed, skipped, partial;
};

const char *score_run_verdict_name(enum run_verdict v);
const char *score_check_status_name(enum check_status s);

/* Grades each check with graded[i] set, in rubric order, from the runs'
 * results. A check whose parent did not pass is skipped; a check whose run
 * did not pass fails with the run's verdict. */
void score_checks(const struct rubric *r, const struct run_result *runs, const bool *graded,
                  struct check_result *out);

struct score_total score_total(const struct rubric *r, const struct check_result *res);

void score_free(struct check_result *res, int n);
