/* The handout manifest parser: what a good manifest says, each way a
 * malformed one is refused with its line, and the labs' own manifests. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "grader/class/manifest.h"

static char err[512];

/* Parse text that must be refused; err holds why. */
static void refuse(const char *text)
{
  struct manifest m;
  cr_assert_eq(manifest_parse(&m, text, "t", err, sizeof err), -1, "accepted:\n%s", text);
  cr_assert_null(m.entries);
}

Test(manifest, good_manifest_gives_each_directive_and_lookup)
{
  struct manifest m;
  const char *text = "# comment\n"
                     "lab cow   # trailing comment\n"
                     "readme docs/labs/cow.md\n"
                     "\n"
                     "write kernel/mm/cow.c\n"
                     "replace meson_options.txt from labs/cow/branch/meson_options.txt\n"
                     "withhold grader/matrix\n"
                     "visibility cow-all after_due_date\n";
  cr_assert_eq(manifest_parse(&m, text, "t", err, sizeof err), 0, "%s", err);
  cr_assert_str_eq(m.lab, "cow");
  cr_assert_str_eq(m.readme, "docs/labs/cow.md");
  cr_assert_eq(m.nentries, 3);
  cr_assert_eq(m.entries[0].kind, MANIFEST_WRITE);
  cr_assert_eq(m.entries[0].line, 5);
  cr_assert_eq(m.entries[1].kind, MANIFEST_REPLACE);
  cr_assert_str_eq(m.entries[1].from, "labs/cow/branch/meson_options.txt");
  cr_assert_eq(manifest_lookup(&m, "kernel/mm/cow.c")->kind, MANIFEST_WRITE);
  cr_assert_eq(manifest_lookup(&m, "grader/matrix/main.c")->kind, MANIFEST_WITHHOLD);
  cr_assert_eq(manifest_lookup(&m, "grader/matrix")->kind, MANIFEST_WITHHOLD);
  cr_assert_null(manifest_lookup(&m, "grader/matrixx.c"), "a prefix is not a directory");
  cr_assert_null(manifest_lookup(&m, "kernel/mm/cow.h"));
  cr_assert_str_eq(manifest_visibility_of(&m, "cow-all"), "after_due_date");
  cr_assert_str_eq(manifest_visibility_of(&m, "cow-simple"), "visible");
  manifest_free(&m);
}

Test(manifest, unknown_directive_is_refused_with_its_line)
{
  refuse("lab cow\n\nshare kernel/mm/cow.c\n");
  cr_assert(strstr(err, "t:3: unknown directive 'share'"), "%s", err);
}

Test(manifest, missing_lab_is_refused)
{
  refuse("write kernel/mm/cow.c\n");
  cr_assert(strstr(err, "t:1: no 'lab NAME' line"), "%s", err);
}

Test(manifest, lab_given_twice_is_refused)
{
  refuse("lab cow\nlab base\n");
  cr_assert(strstr(err, "t:2: 'lab' is given twice"), "%s", err);
}

Test(manifest, wrong_word_counts_are_refused)
{
  refuse("lab cow\nwrite\n");
  cr_assert(strstr(err, "t:2: 'write' takes one word"), "%s", err);
  refuse("lab cow\nwrite a.c b.c\n");
  cr_assert(strstr(err, "t:2:"), "%s", err);
  refuse("lab cow\nneeds\n");
  cr_assert(strstr(err, "t:2:"), "%s", err);
  refuse("lab cow\nreplace a.c b.c\n");
  cr_assert(strstr(err, "t:2: 'replace' takes replace PATH from SOURCE"), "%s", err);
  refuse("lab cow\nreplace a.c with b.c\n");
  cr_assert(strstr(err, "t:2:"), "%s", err);
}

Test(manifest, paths_that_leave_the_tree_are_refused)
{
  refuse("lab cow\nwrite /etc/passwd\n");
  cr_assert(strstr(err, "t:2: '/etc/passwd' is absolute"), "%s", err);
  refuse("lab cow\nwrite ../grader/main.c\n");
  cr_assert(strstr(err, "t:2: '../grader/main.c' has an empty, '.' or '..' component"), "%s", err);
  refuse("lab cow\nwithhold kernel//mm\n");
  cr_assert(strstr(err, "t:2:"), "%s", err);
  refuse("lab cow\nwithhold kernel/mm/\n");
  cr_assert(strstr(err, "ends in '/'"), "%s", err);
  refuse("lab cow\nreplace a.c from ../b.c\n");
  cr_assert(strstr(err, "t:2:"), "%s", err);
}

Test(manifest, a_path_named_twice_is_refused_naming_the_first_line)
{
  refuse("lab cow\nwrite kernel/mm/cow.c\nwithhold kernel/mm/cow.c\n");
  cr_assert(strstr(err, "t:3: 'kernel/mm/cow.c' is already named on line 2"), "%s", err);
}

Test(manifest, a_file_handed_out_under_a_withheld_directory_is_refused)
{
  refuse("lab cow\nwithhold kernel/mm\nwrite kernel/mm/cow.c\n");
  cr_assert(strstr(err, "t:3: 'kernel/mm/cow.c' lies under 'kernel/mm', withheld on line 2"), "%s",
            err);
  refuse("lab cow\nwrite kernel/mm/cow.c\nwithhold kernel/mm\n");
  cr_assert(strstr(err, "t:3: withholding 'kernel/mm' would withhold 'kernel/mm/cow.c'"), "%s",
            err);
}

Test(manifest, an_unknown_visibility_is_refused)
{
  refuse("lab cow\nvisibility cow-all secret\n");
  cr_assert(strstr(err, "t:2: visibility 'secret' is not hidden"), "%s", err);
  refuse("lab cow\nvisibility cow-all hidden\nvisibility cow-all visible\n");
  cr_assert(strstr(err, "t:3: check 'cow-all' has a visibility already, on line 2"), "%s", err);
}

Test(manifest, a_missing_file_is_refused_with_its_name)
{
  struct manifest m;
  cr_assert_eq(manifest_load(&m, SOURCE_ROOT "/labs/nosuchlab/handout", err, sizeof err), -1);
  cr_assert(strstr(err, "labs/nosuchlab/handout: "), "%s", err);
}

Test(manifest, needs_own_and_sibling_are_read)
{
  struct manifest m;
  const char *text = "lab ucow\n"
                     "needs cow\n"
                     "needs base\n"
                     "write user/ufork.c sibling\n"
                     "write user/ufork/correct.c\n"
                     "own user/ucow\n";
  cr_assert_eq(manifest_parse(&m, text, "t", err, sizeof err), 0, "%s", err);
  cr_assert_eq(m.nneeds, 2);
  cr_assert_str_eq(m.needs[0].lab, "cow");
  cr_assert_eq(m.needs[1].line, 3);
  cr_assert(manifest_lookup(&m, "user/ufork.c")->sibling);
  cr_assert_not(manifest_lookup(&m, "user/ufork/correct.c")->sibling);
  cr_assert_eq(manifest_lookup(&m, "user/ucow/forktree.c")->kind, MANIFEST_OWN,
               "an own directory takes what lies under it");
  manifest_free(&m);
}

Test(manifest, a_lab_needed_twice_or_needing_itself_is_refused)
{
  refuse("lab ucow\nneeds cow\nneeds cow\n");
  cr_assert(strstr(err, "t:3: 'cow' is needed already, on line 2"), "%s", err);
  refuse("lab ucow\n\nneeds ucow\n");
  cr_assert(strstr(err, "t:3: lab ucow cannot need itself"), "%s", err);
  refuse("lab cow\nwrite a.c solo\n");
  cr_assert(strstr(err, "t:2: 'write' takes"), "%s", err);
}

/* Each lab's manifest parses, names its lab, hands out its own files and
 * names nothing of the instructor's (labs/instructor does, once). */
Test(manifest, the_labs_manifests_parse)
{
  static const char *const labs[][2] = {{"base", "kernel/mm/fork/eager.c"},
                                        {"cow", "kernel/mm/fork/cow.c"},
                                        {"ucow", "user/ufork.c"},
                                        {"traps", "kernel/lib/backtrace.c"}};
  for (size_t i = 0; i < sizeof labs / sizeof labs[0]; i++) {
    char path[256];
    struct manifest m;
    snprintf(path, sizeof path, "%s/labs/%s/handout", SOURCE_ROOT, labs[i][0]);
    cr_assert_eq(manifest_load(&m, path, err, sizeof err), 0, "%s", err);
    cr_assert_str_eq(m.lab, labs[i][0]);
    cr_assert_eq(manifest_lookup(&m, labs[i][1])->kind, MANIFEST_WRITE);
    cr_assert_null(manifest_lookup(&m, "grader/matrix/main.c"));
    manifest_free(&m);
  }
}
