/* The course and what each branch holds (manifest_branch.h), on small
 * courses written into a temporary directory: the order, needs, the
 * instructor's files, one owner per file, and the derivation of another
 * lab's files; then the tree's own course. */
#define _GNU_SOURCE
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "grader/class/manifest_branch.h"

static char root[] = "/tmp/rvlab-course-XXXXXX";
static char err[1024];

/* Write text to root/rel, making its directories. */
static void put(const char *rel, const char *text)
{
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", root, rel);
  for (char *p = path + strlen(root) + 1; (p = strchr(p, '/')); p++) {
    *p = '\0';
    mkdir(path, 0755);
    *p = '/';
  }
  FILE *f = fopen(path, "w");
  cr_assert_not_null(f, "%s", path);
  fputs(text, f);
  fclose(f);
}

/* A course of three labs with folders (one later lab listed without):
 * first writes f.c; second writes s.c and its sibling t.c, owns its test
 * and withholds its broken sibling; third needs second. */
static void course_of_three(void)
{
  cr_assert_not_null(mkdtemp(root));
  put("labs/course", "# teaching order\nfirst\nsecond\nthird\nnotyet\n");
  put("labs/instructor",
      "withhold labs/instructor\nwithhold labs/*/starter\nwithhold grader/matrix\n");
  put("labs/first/handout", "lab first\nreadme docs/first.md\nwrite f.c\n");
  put("labs/first/rubric", "");
  put("labs/first/starter/f.c", "starter\n");
  put("labs/second/handout", "lab second\nreadme docs/second.md\nneeds first\n"
                             "write s.c\nwrite t.c sibling\nown tests/test_s.c\n"
                             "withhold broken.c\nwithhold labs/second/variants\n");
  put("labs/second/rubric", "");
  put("labs/second/starter/s.c", "starter\n");
  put("labs/second/starter/t.c", "starter\n");
  put("labs/third/handout", "lab third\nneeds second\nwrite u.c\n");
  put("labs/third/starter/u.c", "starter\n");
}

static void cleanup(void)
{
  char cmd[128];
  snprintf(cmd, sizeof cmd, "rm -rf %s", root);
  cr_assert_eq(system(cmd), 0);
  strcpy(root, "/tmp/rvlab-course-XXXXXX");
}

TestSuite(course, .init = course_of_three, .fini = cleanup);

static enum branch_action action(const struct course *c, const char *lab, const char *path,
                                 const char *from)
{
  struct branch_file f;
  course_branch_file(c, lab, path, &f);
  if (from)
    cr_assert_str_eq(f.from, from, "%s in %s's branch", path, lab);
  return f.action;
}

Test(course, needs_close_over_the_labs_needed)
{
  struct course c;
  cr_assert_eq(course_load(&c, root, err, sizeof err), 0, "%s", err);
  cr_assert_eq(c.nlabs, 3, "notyet has no folder, so it is skipped");
  cr_assert(course_needs(&c, "third", "second"));
  cr_assert(course_needs(&c, "third", "first"), "through second");
  cr_assert_not(course_needs(&c, "first", "second"));
  course_free(&c);
}

Test(course, a_branch_holds_starters_of_labs_it_does_not_need)
{
  struct course c;
  cr_assert_eq(course_load(&c, root, err, sizeof err), 0, "%s", err);
  cr_assert_eq(action(&c, "first", "f.c", "labs/first/starter/f.c"), BRANCH_COPY);
  cr_assert_eq(action(&c, "first", "s.c", "labs/second/starter/s.c"), BRANCH_COPY);
  cr_assert_eq(action(&c, "first", "t.c", NULL), BRANCH_DROP, "a sibling is left out");
  cr_assert_eq(action(&c, "first", "tests/test_s.c", NULL), BRANCH_DROP);
  cr_assert_eq(action(&c, "second", "tests/test_s.c", NULL), BRANCH_KEEP, "its own branch");
  cr_assert_eq(action(&c, "first", "docs/second.md", NULL), BRANCH_DROP);
  cr_assert_eq(action(&c, "first", "labs/second/rubric", NULL), BRANCH_DROP);
  cr_assert_eq(action(&c, "first", "u.c", "labs/third/starter/u.c"), BRANCH_COPY);
  course_free(&c);
}

Test(course, a_branch_holds_the_solutions_of_the_labs_it_needs)
{
  struct course c;
  cr_assert_eq(course_load(&c, root, err, sizeof err), 0, "%s", err);
  cr_assert_eq(action(&c, "third", "s.c", NULL), BRANCH_KEEP);
  cr_assert_eq(action(&c, "third", "t.c", NULL), BRANCH_KEEP);
  cr_assert_eq(action(&c, "third", "f.c", NULL), BRANCH_KEEP, "needed through second");
  cr_assert_eq(action(&c, "third", "tests/test_s.c", NULL), BRANCH_KEEP);
  cr_assert_eq(action(&c, "third", "labs/second/rubric", NULL), BRANCH_KEEP);
  cr_assert_eq(action(&c, "third", "docs/second.md", NULL), BRANCH_KEEP);
  cr_assert_eq(action(&c, "third", "u.c", "labs/third/starter/u.c"), BRANCH_COPY);
  course_free(&c);
}

Test(course, withheld_files_are_absent_from_every_branch)
{
  struct course c;
  cr_assert_eq(course_load(&c, root, err, sizeof err), 0, "%s", err);
  static const char *const labs[] = {"first", "second", "third"};
  for (int i = 0; i < 3; i++) {
    cr_assert_eq(action(&c, labs[i], "broken.c", NULL), BRANCH_DROP, "%s", labs[i]);
    cr_assert_eq(action(&c, labs[i], "labs/second/variants", NULL), BRANCH_DROP);
    cr_assert_eq(action(&c, labs[i], "labs/second/starter/s.c", NULL), BRANCH_DROP);
    cr_assert_eq(action(&c, labs[i], "labs/instructor", NULL), BRANCH_DROP);
    cr_assert_eq(action(&c, labs[i], "grader/matrix/main.c", NULL), BRANCH_DROP);
    cr_assert_eq(action(&c, labs[i], "kernel/main.c", NULL), BRANCH_KEEP);
    cr_assert_eq(action(&c, labs[i], "labs/course", NULL), BRANCH_KEEP);
  }
  course_free(&c);
}

static void refused(const char *expect)
{
  struct course c;
  cr_assert_eq(course_load(&c, root, err, sizeof err), -1, "accepted");
  cr_assert(strstr(err, expect), "%s", err);
  cr_assert_null(c.labs);
}

Test(course, needing_a_later_lab_is_refused)
{
  put("labs/first/handout", "lab first\nwrite f.c\nneeds second\n");
  refused("labs/first/handout:3: lab first needs second, which labs/course puts later");
}

Test(course, needing_a_lab_without_a_folder_is_refused)
{
  put("labs/third/handout", "lab third\nneeds notyet\n");
  refused("labs/third/handout:2: lab third needs notyet, which is not a lab");
}

Test(course, a_file_of_two_labs_is_refused)
{
  put("labs/third/handout", "lab third\nwrite s.c\n");
  refused("labs/second/handout:4: 's.c' is lab third's too (labs/third/handout:2)");
}

Test(course, another_labs_folder_in_a_manifest_is_refused)
{
  put("labs/third/handout", "lab third\nwithhold labs/second/rubric\n");
  refused("labs/third/handout:2: 'labs/second/rubric' is in lab second's folder");
}

Test(course, an_instructor_file_in_a_manifest_is_refused)
{
  put("labs/third/handout", "lab third\nwithhold grader/matrix\n");
  refused("labs/third/handout:2: 'grader/matrix' is the instructor's");
}

Test(course, a_manifest_of_a_lab_not_in_the_course_is_refused)
{
  put("labs/stray/handout", "lab stray\n");
  refused("labs/stray/handout: lab stray is not in labs/course");
}

Test(course, a_manifest_naming_another_lab_is_refused)
{
  put("labs/third/handout", "lab second\n");
  refused("labs/course:4: labs/third/handout says 'lab second'");
}

/* The tree's own course: ucow holds cow's reference counts, since cow
 * comes first, and base holds cow's starters but not its fork sibling. */
Test(tree, the_course_gives_ucow_the_cow_solution_and_base_its_starters)
{
  struct course c;
  cr_assert_eq(course_load(&c, SOURCE_ROOT, err, sizeof err), 0, "%s", err);
  cr_assert(course_needs(&c, "ucow", "cow"));
  cr_assert_eq(action(&c, "ucow", "kernel/mm/refcount/lock.c", NULL), BRANCH_KEEP);
  cr_assert_eq(
      action(&c, "base", "kernel/mm/refcount/lock.c", "labs/cow/starter/kernel/mm/refcount/lock.c"),
      BRANCH_COPY);
  cr_assert_eq(action(&c, "base", "kernel/mm/fork/cow.c", NULL), BRANCH_DROP);
  cr_assert_eq(action(&c, "cow", "user/ufork.c", "labs/ucow/starter/user/ufork.c"), BRANCH_COPY);
  cr_assert_eq(action(&c, "cow", "user/ufork/parentfirst.c", NULL), BRANCH_DROP);
  cr_assert_eq(action(&c, "cow", "kernel/mm/tests/test_cow.c", NULL), BRANCH_KEEP);
  cr_assert_eq(action(&c, "base", "kernel/mm/tests/test_cow.c", NULL), BRANCH_DROP);
  course_free(&c);
}
