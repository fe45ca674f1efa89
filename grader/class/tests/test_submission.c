/* Laying a submission over the pristine tree, and the results it gives:
 * only the files the manifest gives the student are taken, anything else is
 * listed as ignored, and the JSON carries Gradescope's fields. */
#define _GNU_SOURCE
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "grader/class/manifest.h"
#include "grader/class/results.h"
#include "grader/class/submission.h"

static char err[512];

static void put(const char *path, const char *text)
{
  FILE *f = fopen(path, "w");
  cr_assert_not_null(f, "%s", path);
  fputs(text, f);
  fclose(f);
}

static char *slurp(const char *path)
{
  FILE *f = fopen(path, "r");
  if (!f)
    return NULL;
  char *text = NULL;
  size_t len = 0;
  cr_assert_gt(getdelim(&text, &len, '\0', f), 0);
  fclose(f);
  return text;
}

Test(submission, only_the_students_files_are_laid_over_the_tree)
{
  char tmp[] = "/tmp/rvlab-lay-XXXXXX";
  cr_assert_not_null(mkdtemp(tmp));
  char path[4096], *notes = NULL;
  size_t len = 0;
  /* The pristine tree, copied as grading copies it, and the submission. */
  snprintf(path, sizeof path, "%s/tree/labs/cow", tmp);
  char *mk[] = {"mkdir", "-p", path, NULL};
  cr_assert_eq(class_run(mk, NULL), 0);
  snprintf(path, sizeof path, "%s/tree/labs/cow/rubric", tmp);
  put(path, "the instructor's rubric\n");
  snprintf(path, sizeof path, "%s/tree/mine.c", tmp);
  put(path, "starter\n");
  snprintf(path, sizeof path, "%s/sub/labs/cow", tmp);
  char *mk2[] = {"mkdir", "-p", path, NULL};
  cr_assert_eq(class_run(mk2, NULL), 0);
  snprintf(path, sizeof path, "%s/sub/mine.c", tmp);
  put(path, "the student's\n");
  snprintf(path, sizeof path, "%s/sub/labs/cow/rubric", tmp);
  put(path, "check free 1000 points\n");
  snprintf(path, sizeof path, "%s/sub/theirs.c", tmp);
  cr_assert_eq(symlink("/etc/passwd", path), 0);

  struct manifest m;
  cr_assert_eq(manifest_parse(&m, "lab cow\nwrite mine.c\nwrite theirs.c\nwrite gone.c\n", "t", err,
                              sizeof err),
               0, "%s", err);
  char tree[4096], sub[4096], dir[4096];
  snprintf(tree, sizeof tree, "%s/tree", tmp);
  snprintf(sub, sizeof sub, "%s/sub", tmp);
  snprintf(dir, sizeof dir, "%s/work", tmp);
  cr_assert_eq(mkdir(dir, 0755), 0);
  cr_assert_eq(class_copy_tree(tree, dir), 0);
  FILE *nf = open_memstream(&notes, &len);
  cr_assert_eq(class_lay_submission(&m, sub, dir, nf), 0);
  fclose(nf);

  snprintf(path, sizeof path, "%s/work/src/mine.c", tmp);
  char *mine = slurp(path);
  cr_assert_str_eq(mine, "the student's\n");
  snprintf(path, sizeof path, "%s/work/src/labs/cow/rubric", tmp);
  char *rubric = slurp(path);
  cr_assert_str_eq(rubric, "the instructor's rubric\n", "a submission cannot change the rubric");
  snprintf(path, sizeof path, "%s/work/src/theirs.c", tmp);
  cr_assert_neq(access(path, F_OK), 0, "a symlink is never followed into the tree");
  cr_assert(strstr(notes, "graded: mine.c\n"), "%s", notes);
  cr_assert(strstr(notes, "ignored: labs/cow/rubric"), "%s", notes);
  cr_assert(strstr(notes, "ignored: theirs.c"), "%s", notes);
  cr_assert(strstr(notes, "missing: gone.c"), "%s", notes);
  free(mine);
  free(rubric);
  free(notes);
  manifest_free(&m);
  char *rm[] = {"rm", "-rf", tmp, NULL};
  class_run(rm, NULL);
}

Test(submission, a_submission_that_did_not_build_scores_zero_in_gradescope_fields)
{
  struct rubric r;
  struct manifest m;
  cr_assert_eq(rubric_parse(&r, "t",
                            "run a timeout 5\n    $ echo hi\n"
                            "check one 3 points\n    expect: hi\n"
                            "check two 2 points\n    expect: hi\n",
                            err, sizeof err),
               0, "%s", err);
  cr_assert_eq(manifest_parse(&m, "lab cow\nvisibility two hidden\n", "t", err, sizeof err), 0);
  char *json = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&json, &len);
  class_write_results(f, &r, NULL, "does not build", "x.c:1: error: \"oops\"\n", 12, &m);
  fclose(f);
  cr_assert(strstr(json, "\"score\": 0,"), "%s", json);
  cr_assert(strstr(json, "\"max_score\": 5,"), "%s", json);
  cr_assert(strstr(json, "\"execution_time\": 12,"), "%s", json);
  cr_assert(strstr(json, "\"output\": \"x.c:1: error: \\\"oops\\\"\\n\""), "%s", json);
  cr_assert(strstr(json, "\"stdout_visibility\": \"visible\""), "%s", json);
  cr_assert(strstr(json, "{\"name\": \"one\", \"score\": 0, \"max_score\": 3, \"status\": "
                         "\"failed\", \"output\": \"does not build\", \"visibility\": "
                         "\"visible\"}"),
            "%s", json);
  cr_assert(strstr(json, "\"name\": \"two\"") && strstr(json, "\"visibility\": \"hidden\""), "%s",
            json);
  free(json);
  manifest_free(&m);
  rubric_free(&r);
}
