/* One submission, made ready to grade: the pristine tree copied, only the
 * files the lab's manifest gives the student laid over it, and the lab's
 * kernel built in a build directory of its own. Everything here runs other
 * programs (cp, tar, meson, ninja) with fork and exec, never a shell. */
#pragma once

#include <stdio.h>

#include "grader/class/manifest.h"
#include "grader/class/sandbox.h"

/* What one submission may hand in and leave behind. The names of ignored
 * files are listed only so far: an archive of 40,000 junk files must not
 * make a results.json Gradescope refuses. */
#define CLASS_FILE_MAX      (1 << 20) /* bytes of one student file */
#define CLASS_FILE_MAX_TEXT "1 MB"
#define CLASS_UNPACKED_MAX  (64LL << 20) /* bytes an archive may unpack to */
#define CLASS_MEMBERS_MAX   100000       /* members of an archive or directory */
#define CLASS_IGNORED_NAMED 20           /* ignored files named in the notes */
#define CLASS_LINE_MAX      300          /* bytes of a build log line quoted */
#define CLASS_LOG_MAX       (256 << 10)  /* bytes of build.log kept */

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
 * dir/src: only regular files the manifest says the student writes, each at
 * most CLASS_FILE_MAX bytes. An archive is read by our own tar reader
 * (untar.h) through `gzip -dc`, so nothing else in it (links, devices,
 * setuid bits, names outside the tree) is ever written. Writes to notes one
 * line per file taken, ignored (the first CLASS_IGNORED_NAMED by name) or
 * missing. 0; 1 if not one of the student's files was found; -1 if the
 * submission cannot be read or unpacked (notes says why). */
int class_lay_submission(const struct manifest *m, const char *submission, const char *dir,
                         FILE *notes);

/* Configure dir/build for the lab and build its default kernel (and, when
 * with_fs, the file-system image) under sb's sandbox and limits; the output
 * goes to dir/build.log (cut at CLASS_LOG_MAX). 0, or -1 with the first
 * error lines, or "build exceeded N s" and the student's file being
 * compiled then, in errors, with paths relative to the tree. */
int class_build(const char *dir, const char *lab, int with_fs, const struct sandbox *sb,
                const struct manifest *m, char *errors, size_t errlen);

/* Rewrites, in place, the server's paths under dir in text as paths
 * relative to the tree the student knows. */
void class_relative_paths(char *text, const char *dir);

/* The one kernel class_build made, in dir/build/kernel. 0, or -1. */
int class_find_kernel(const char *dir, char *path, size_t len);
