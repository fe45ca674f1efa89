/* Making a submission ready to grade (submission.h). The student's files
 * are the only thing taken from a submission, each checked against the
 * manifest and copied as a plain file, so nothing else it holds (a rubric,
 * a test program, a symlink, a build file) reaches the tree that is built. */
#define _GNU_SOURCE
#include "grader/class/submission.h"
#include "grader/class/untar.h"
#include "grader/driver.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <ftw.h>
#include <signal.h>
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

/* Copy one regular file's bytes, creating the destination's mode afresh;
 * at most limit bytes (a larger file is refused before this). */
static int copy_file(const char *from, const char *to)
{
  int in = open(from, O_RDONLY | O_NOFOLLOW);
  if (in < 0)
    return -1;
  unlink(to); /* the pristine copy may be a hard link or read-only */
  int out = open(to, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW, 0644);
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

/* The submission being laid, for nftw's callback and the tar reader's
 * (neither has an argument of ours for it). */
static struct {
  const struct manifest *m;
  const char *root, *dir;
  FILE *notes;
  int *taken;   /* per manifest entry */
  int ignored;  /* members not taken; only the first few are named */
  long members; /* members seen, to stop walking a directory of thousands */
} lay;

static void note_ignored(const char *rel, const char *why)
{
  if (++lay.ignored <= CLASS_IGNORED_NAMED)
    fprintf(lay.notes, "ignored: %.200s (%s)\n", rel, why);
}

/* The manifest entry a member is, or NULL after noting why it is not one. */
static const struct manifest_entry *wanted(const char *rel, int regular, long long size)
{
  while (strncmp(rel, "./", 2) == 0)
    rel += 2;
  if (*rel == '\0' || rel[strlen(rel) - 1] == '/' || strcmp(rel, "SUBMISSION") == 0)
    return NULL; /* a directory, or what `ninja submission` says about itself */
  const struct manifest_entry *e = manifest_lookup(lay.m, rel);
  if (!e || e->kind != MANIFEST_WRITE) {
    note_ignored(rel, "not a file the student writes");
    return NULL;
  }
  if (!regular) {
    note_ignored(rel, "a link, device or directory, not a regular file");
    return NULL;
  }
  if (size > CLASS_FILE_MAX) {
    note_ignored(rel, "larger than " CLASS_FILE_MAX_TEXT);
    return NULL;
  }
  return e;
}

static void dest_of(const struct manifest_entry *e, char *to, size_t len)
{
  class_path(to, len, "%s/src/%s", lay.dir, e->path);
}

static int lay_one(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
  (void)ftw;
  const char *rel = path + strlen(lay.root);
  while (*rel == '/')
    rel++;
  if (type == FTW_D || *rel == '\0')
    return 0;
  if (++lay.members > CLASS_MEMBERS_MAX) {
    fprintf(lay.notes, "error: the submission holds more than %d files; the rest are ignored\n",
            CLASS_MEMBERS_MAX);
    return 1;
  }
  const struct manifest_entry *e =
      wanted(rel, S_ISREG(st->st_mode) && type == FTW_F, (long long)st->st_size);
  if (!e)
    return 0;
  char to[4096];
  dest_of(e, to, sizeof to);
  if (copy_file(path, to) != 0) {
    fprintf(lay.notes, "error: cannot copy %s: %s\n", e->path, strerror(errno));
    return 0;
  }
  lay.taken[e - lay.m->entries] = 1;
  fprintf(lay.notes, "graded: %s\n", e->path);
  return 0;
}

static int take_member(void *ctx, const char *name, int regular, long long size)
{
  (void)ctx;
  const struct manifest_entry *e = wanted(name, regular, size);
  if (!e)
    return -1;
  char to[4096];
  dest_of(e, to, sizeof to);
  unlink(to); /* the pristine copy may be a hard link or read-only */
  int fd = open(to, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644);
  if (fd < 0) {
    fprintf(lay.notes, "error: cannot write %s: %s\n", e->path, strerror(errno));
    return -1;
  }
  if (!lay.taken[e - lay.m->entries])
    fprintf(lay.notes, "graded: %s\n", e->path);
  lay.taken[e - lay.m->entries] = 1;
  return fd;
}

/* gzip's complaint, first line, without the server's path to the archive. */
static void gzip_reason(const char *log, char *why, size_t len)
{
  FILE *f = fopen(log, "r");
  char line[512] = "";
  if (f) {
    while (fgets(line, sizeof line, f) && line[0] == '\n')
      ; /* gzip may start with an empty line */
    fclose(f);
  }
  line[strcspn(line, "\n")] = '\0';
  const char *colon = strrchr(line, ':'); /* "gzip: PATH: not in gzip format" */
  snprintf(why, len, "%s", colon && colon[1] ? colon + 2 : "gzip could not decompress it");
}

/* Streams `gzip -dc` of the archive through the tar reader. */
static int unpack(const char *archive, const char *dir, char *why, size_t whylen)
{
  char log[4096];
  class_path(log, sizeof log, "%s/unpack.log", dir);
  int pipefd[2];
  if (pipe2(pipefd, O_CLOEXEC) != 0)
    return snprintf(why, whylen, "cannot make a pipe"), -1;
  pid_t pid = fork();
  if (pid == 0) {
    int in = open(archive, O_RDONLY), err = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (in < 0 || err < 0)
      _exit(127);
    dup2(in, 0), dup2(pipefd[1], 1), dup2(err, 2);
    execlp("gzip", "gzip", "-dc", (char *)NULL);
    _exit(127);
  }
  close(pipefd[1]);
  struct untar_limits lim = {.total_bytes = CLASS_UNPACKED_MAX, .entries = CLASS_MEMBERS_MAX};
  int rc = pid < 0 ? -1 : untar_read(pipefd[0], &lim, take_member, NULL, why, whylen);
  /* After the end-of-archive blocks tar pads its last record: let gzip
   * write it (and check its CRC), or it dies of SIGPIPE at our close. */
  char rest[65536];
  long long left = CLASS_UNPACKED_MAX;
  for (ssize_t k; rc == 0 && left > 0 && (k = read(pipefd[0], rest, sizeof rest)) > 0;)
    left -= k;
  close(pipefd[0]); /* a reader that stopped early ends gzip with SIGPIPE */
  int status = 0;
  if (pid > 0)
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
      ;
  bool gzip_failed = pid < 0 || (WIFSIGNALED(status) && WTERMSIG(status) != SIGPIPE) ||
                     (WIFEXITED(status) && WEXITSTATUS(status) != 0);
  if (gzip_failed && (rc == 0 || strstr(why, "truncated") || strstr(why, "checksum"))) {
    gzip_reason(log, why, whylen);
    rc = -1;
  }
  return rc;
}

int class_lay_submission(const struct manifest *m, const char *submission, const char *dir,
                         FILE *notes)
{
  struct stat st;
  if (stat(submission, &st) != 0)
    return -1;
  int taken[m->nentries];
  memset(taken, 0, sizeof taken);
  lay.m = m;
  lay.root = submission;
  lay.dir = dir;
  lay.notes = notes;
  lay.taken = taken;
  lay.ignored = 0;
  lay.members = 0;
  int rc = 0;
  if (S_ISDIR(st.st_mode)) {
    rc = nftw(submission, lay_one, 16, FTW_PHYS) < 0 ? -1 : 0;
  } else {
    char why[512];
    rc = unpack(submission, dir, why, sizeof why);
    if (rc != 0)
      fprintf(notes, "error: the archive cannot be unpacked: %s\n", why);
  }
  if (lay.ignored > CLASS_IGNORED_NAMED)
    fprintf(notes, "ignored: %d more files not named here\n", lay.ignored - CLASS_IGNORED_NAMED);
  int any = 0;
  for (int i = 0; i < m->nentries; i++) {
    any |= taken[i];
    if (m->entries[i].kind == MANIFEST_WRITE && !taken[i] && rc == 0)
      fprintf(notes, "missing: %s (its starter is graded)\n", m->entries[i].path);
  }
  if (rc == 0 && !any)
    return 1;
  return rc;
}

/* Where the student sees a server path (DIR/src/, ../src/ from the build
 * directory, DIR/), the path relative to the tree instead. */
void class_relative_paths(char *text, const char *dir)
{
  char prefixes[3][4096];
  class_path(prefixes[0], sizeof prefixes[0], "%s/src/", dir);
  class_path(prefixes[1], sizeof prefixes[1], "../src/");
  class_path(prefixes[2], sizeof prefixes[2], "%s/", dir);
  for (int p = 0; p < 3; p++) {
    size_t plen = strlen(prefixes[p]);
    for (char *at; (at = strstr(text, prefixes[p]));)
      memmove(at, at + plen, strlen(at + plen) + 1);
  }
}

/* Does a build log line say what went wrong (compiler, assembler, memory)? */
static bool names_error(const char *line)
{
  static const char *marks[] = {
      "error:", "ERROR:", "Error:", "memory exhausted", "out of memory", "bwrap:"};
  for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++)
    if (strstr(line, marks[i]))
      return true;
  return false;
}

/* The first lines of the build log that name an error, for the student,
 * each cut to about CLASS_LINE_MAX bytes (a path of a thousand "./" is one
 * line) by leaving out its middle. */
static void first_errors(const char *log, char *errors, size_t errlen)
{
  FILE *f = fopen(log, "r");
  size_t used = 0;
  int lines = 0;
  errors[0] = '\0';
  if (!f)
    return;
  char *line = NULL;
  size_t cap = 0;
  bool after = false; /* the previous line was taken: its context lines follow */
  while (lines < 12 && getline(&line, &cap, f) > 0) {
    after = names_error(line) || (after && line[0] == ' ');
    if (!after)
      continue;
    char cut[CLASS_LINE_MAX + 64];
    size_t n = strcspn(line, "\n");
    if (n > CLASS_LINE_MAX) /* the start, and the end, where the compiler's words are */
      snprintf(cut, sizeof cut, "%.80s[... %zu bytes ...]%.*s\n", line, n - CLASS_LINE_MAX + 60,
               CLASS_LINE_MAX - 140, line + n - (CLASS_LINE_MAX - 140));
    else
      snprintf(cut, sizeof cut, "%.*s\n", (int)n, line);
    n = strlen(cut);
    if (used + n + 1 >= errlen)
      break;
    memcpy(errors + used, cut, n + 1);
    used += n;
    lines++;
  }
  free(line);
  fclose(f);
  if (used == 0)
    snprintf(errors, errlen, "the build failed; see build.log\n");
}

/* After a build ran out of time: the student's file it was compiling, from
 * the command lines of the processes still running then. */
static void timed_out(const struct sandbox *sb, const struct manifest *m, const char *busy,
                      char *errors, size_t errlen)
{
  const char *file = NULL;
  for (int i = 0; busy && !file && i < m->nentries; i++)
    if (m->entries[i].kind == MANIFEST_WRITE && strstr(busy, m->entries[i].path))
      file = m->entries[i].path;
  if (file)
    snprintf(errors, errlen, "build exceeded %.0f s, while compiling %s\n", sb->seconds, file);
  else
    snprintf(errors, errlen, "build exceeded %.0f s\n", sb->seconds);
}

/* A build log longer than CLASS_LOG_MAX keeps its start and says so. */
static void cap_log(const char *log)
{
  struct stat st;
  if (stat(log, &st) != 0 || st.st_size <= CLASS_LOG_MAX)
    return;
  if (truncate(log, CLASS_LOG_MAX) == 0) {
    FILE *f = fopen(log, "a");
    if (f) {
      fprintf(f, "\n[build.log cut at %d bytes of %lld]\n", CLASS_LOG_MAX, (long long)st.st_size);
      fclose(f);
    }
  }
}

int class_build(const char *dir, const char *lab, int with_fs, const struct sandbox *sb,
                const struct manifest *m, char *errors, size_t errlen)
{
  char src[4096], build[4096], cross[4096], log[4096], labopt[256];
  class_path(src, sizeof src, "%s/src", dir);
  class_path(build, sizeof build, "%s/build", dir);
  class_path(cross, sizeof cross, "%s/cross/riscv64-unknown-elf.ini", src);
  class_path(log, sizeof log, "%s/build.log", dir);
  snprintf(labopt, sizeof labopt, "-Dlab=%s", lab);
  mkdir(build, 0755); /* the sandbox binds it: it must exist first */
  char *setup[] = {
      "meson", "setup", build, src, "--cross-file", cross, labopt, "-Db_colorout=never", NULL};
  char *ninja_kernel[] = {"ninja", "-C", build, "kernel", with_fs ? "fs.img" : NULL, NULL};
  double deadline = driver_now() + sb->seconds;
  char *busy = NULL;
  int rc = sandbox_run(sb, src, build, setup, log, deadline, &busy);
  if (rc == 0)
    rc = sandbox_run(sb, src, build, ninja_kernel, log, deadline, &busy);
  cap_log(log);
  if (rc == SANDBOX_TIMED_OUT)
    timed_out(sb, m, busy, errors, errlen);
  else if (rc != 0)
    first_errors(log, errors, errlen);
  free(busy);
  class_relative_paths(errors, dir);
  return rc == 0 ? 0 : -1;
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
