/* One submission, made ready to grade: the pristine tree copied, only the
 * files the lab's manifest gives the student laid over it, and the lab's
 * kernel built in a build directory of its own. Everything here runs other
 * programs (cp, tar, meson, ninja) with fork and exec, never a shell. */
#pragma once

#include <stdio.h>

#include "grader/class/manifest.h"

/* snprintf for paths: a path too long for buf ends the program with status
 * 2 rather than naming some other file. */
__attribute__((format(printf, 3, 4))) void class_path(char *buf, size_t len, const char *fmt, ...);

/* Run argv with stdout and stderr appended to log (NULL: inherited) and
 * stdin from /dev/null. Its exit status, or -1 if it could not run. */
int class_run(char *const argv[], const char *log);

/* Copy tree into dir/src, leaving out the tree's .git and build directories
 * (names starting "build"). 0 or -1. */
int class_copy_tree(const char *tree, const char *dir);

/* Lay the student's files from submission (a .tar.gz or a directory) over
 * dir/src: only regular files the manifest says the student writes. Writes
 * to notes one line per file taken, ignored or missing. 0, or -1 if the
 * submission cannot be read at all. */
int class_lay_submission(const struct manifest *m, const char *submission, const char *dir,
                         FILE *notes);

/* Configure dir/build for the lab and build its default kernel (and, when
 * with_fs, the file-system image); the output goes to dir/build.log. 0, or -1
 * with the compiler's first error lines in errors. */
int class_build(const char *dir, const char *lab, int with_fs, char *errors, size_t errlen);

/* The one kernel class_build made, in dir/build/kernel. 0, or -1. */
int class_find_kernel(const char *dir, char *path, size_t len);
