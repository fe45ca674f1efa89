/* Making a submission ready to grade (submission.h). The student's files
 * are the only thing taken from a submission, each checked against the
 * manifest and copied as a plain file, so nothing else it holds (a rubric,
 * a test program, a symlink, a build file) reaches the tree that is built. */
#define _GNU_SOURCE
#include "grader/class/submission.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

void class_path(char *buf, size_t len, const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(buf, len, fmt, ap);
  va_end(ap);
  if (n < 0 || (size_t)n >= len) {
    fprintf(stderr, "grade-class: a path is too long: %s...\n", buf);
    exit(2);
  }
}

int class_run(char *const argv[], const char *log)
{
  pid_t pid = fork();
  if (pid < 0)
    return -1;
  if (pid == 0) {
    int in = open("/dev/null", O_RDONLY);
    if (in >= 0)
      dup2(in, 0);
    if (log) {
      int fd = open(log, O_WRONLY | O_CREAT | O_APPEND, 0644);
      if (fd < 0)
        _exit(127);
      dup2(fd, 1);
      dup2(fd, 2);
    }
    execvp(argv[0], argv);
    _exit(127);
  }
  int status;
  while (waitpid(pid, &status, 0) < 0)
    if (errno != EINTR)
      return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int class_copy_tree(const char *tree, const char *dir)
{
  char src[4096];
  class_path(src, sizeof src, "%s/src", dir);
  if (mkdir(src, 0755) != 0 && errno != EEXIST)
    return -1;
  DIR *d = opendir(tree);
  if (!d)
    return -1;
  int rc = 0;
  for (struct dirent *e; rc == 0 && (e = readdir(d));) {
    /* The tree's own build directories and git history are not the tree. */
    if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0 ||
        strcmp(e->d_name, ".git") == 0 || strncmp(e->d_name, "build", 5) == 0)
      continue;
    char from[4096];
    class_path(from, sizeof from, "%s/%s", tree, e->d_name);
    char *argv[] = {"cp", "-a", from, src, NULL};
    rc = class_run(argv, NULL) == 0 ? 0 : -1;
  }
  closedir(d);
  return rc;
}

/* Copy one regular file's bytes, creating the destination's mode afresh. */
static int copy_file(const char *from, const char *to)
{
  int in = open(from, O_RDONLY | O_NOFOLLOW);
  if (in < 0)
    return -1;
  unlink(to); /* the pristine copy may be a hard link or read-only */
  int out = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (out < 0) {
    close(in);
    return -1;
  }
  char buf[65536];
  ssize_t n;
  int rc = 0;
  while ((n = read(in, buf, sizeof buf)) > 0)
    if (write(out, buf, (size_t)n) != n)
      rc = -1;
  if (n < 0)
    rc = -1;
  close(in);
  close(out);
  return rc;
}

/* nftw has no argument for its callback: the submission being laid. */
static struct {
  const struct manifest *m;
  const char *root, *dir;
  FILE *notes;
  int *taken; /* per manifest entry */
} lay;

static int lay_one(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
  (void)ftw;
  const char *rel = path + strlen(lay.root);
  while (*rel == '/')
    rel++;
  if (type == FTW_D || *rel == '\0')
    return 0;
  if (strcmp(rel, "SUBMISSION") == 0)
    return 0; /* what `ninja submission` says about itself */
  const struct manifest_entry *e = manifest_lookup(lay.m, rel);
  if (!e || e->kind != MANIFEST_WRITE || !S_ISREG(st->st_mode) || type != FTW_F) {
    fprintf(lay.notes, "ignored: %s (not a file the student writes)\n", rel);
    return 0;
  }
  char to[4096];
  class_path(to, sizeof to, "%s/src/%s", lay.dir, rel);
  if (copy_file(path, to) != 0) {
    fprintf(lay.notes, "error: cannot copy %s: %s\n", rel, strerror(errno));
    return 0;
  }
  lay.taken[e - lay.m->entries] = 1;
  fprintf(lay.notes, "graded: %s\n", rel);
  return 0;
}

int class_lay_submission(const struct manifest *m, const char *submission, const char *dir,
                         FILE *notes)
{
  struct stat st;
  if (stat(submission, &st) != 0)
    return -1;
  char unpacked[4096];
  const char *root = submission;
  if (!S_ISDIR(st.st_mode)) {
    /* GNU tar refuses members with '..' and strips a leading '/'. */
    class_path(unpacked, sizeof unpacked, "%s/submission", dir);
    mkdir(unpacked, 0755);
    char *argv[] = {"tar", "-xzf", (char *)submission, "-C", unpacked, "--no-same-owner", NULL};
    char log[4096];
    class_path(log, sizeof log, "%s/unpack.log", dir);
    if (class_run(argv, log) != 0) {
      fprintf(notes, "error: %s is not a .tar.gz that tar can unpack\n", submission);
      return -1;
    }
    root = unpacked;
  }
  int taken[m->nentries];
  memset(taken, 0, sizeof taken);
  lay.m = m;
  lay.root = root;
  lay.dir = dir;
  lay.notes = notes;
  lay.taken = taken;
  if (nftw(root, lay_one, 16, FTW_PHYS) != 0)
    return -1;
  for (int i = 0; i < m->nentries; i++)
    if (m->entries[i].kind == MANIFEST_WRITE && !taken[i])
      fprintf(notes, "missing: %s (its starter is graded)\n", m->entries[i].path);
  return 0;
}

/* The first lines of the build log that name an error, for the student. */
static void first_errors(const char *log, char *errors, size_t errlen)
{
  FILE *f = fopen(log, "r");
  size_t used = 0;
  int lines = 0;
  errors[0] = '\0';
  if (!f)
    return;
  char line[1024];
  int after = 0; /* the previous line was taken: its context lines follow */
  while (lines < 12 && fgets(line, sizeof line, f)) {
    after = strstr(line, "error:") || strstr(line, "ERROR:") || (after && line[0] == ' ');
    if (!after)
      continue;
    size_t n = strlen(line);
    if (used + n + 1 >= errlen)
      break;
    memcpy(errors + used, line, n + 1);
    used += n;
    lines++;
  }
  fclose(f);
  if (used == 0)
    snprintf(errors, errlen, "the build failed; see %s\n", log);
}

int class_build(const char *dir, const char *lab, int with_fs, char *errors, size_t errlen)
{
  char src[4096], build[4096], cross[4096], log[4096], labopt[256];
  class_path(src, sizeof src, "%s/src", dir);
  class_path(build, sizeof build, "%s/build", dir);
  class_path(cross, sizeof cross, "%s/cross/riscv64-unknown-elf.ini", src);
  class_path(log, sizeof log, "%s/build.log", dir);
  snprintf(labopt, sizeof labopt, "-Dlab=%s", lab);
  char *setup[] = {
      "meson", "setup", build, src, "--cross-file", cross, labopt, "-Db_colorout=never", NULL};
  char *ninja_kernel[] = {"ninja", "-C", build, "kernel", with_fs ? "fs.img" : NULL, NULL};
  if (class_run(setup, log) != 0 || class_run(ninja_kernel, log) != 0) {
    first_errors(log, errors, errlen);
    return -1;
  }
  return 0;
}

int class_find_kernel(const char *dir, char *path, size_t len)
{
  char kdir[4096];
  class_path(kdir, sizeof kdir, "%s/build/kernel", dir);
  DIR *d = opendir(kdir);
  if (!d)
    return -1;
  int found = -1;
  for (struct dirent *e; (e = readdir(d));) {
    if (strncmp(e->d_name, "kernel-", 7) != 0 || strchr(e->d_name, '.'))
      continue;
    snprintf(path, len, "%s/%s", kdir, e->d_name);
    struct stat st;
    if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
      found = 0;
      break;
    }
  }
  closedir(d);
  return found;
}
