/* Unpacking a hostile archive, and the limits of one submission: only the
 * student's regular files are written, with a fresh mode, whatever the
 * archive says (links, devices, setuid bits, names outside the tree); a
 * damaged or oversized archive says why; results stay small; the build
 * sandbox sees no host file and its time limit kills every process. */
#define _GNU_SOURCE
#include <criterion/criterion.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "grader/class/manifest.h"
#include "grader/class/results.h"
#include "grader/class/sandbox.h"
#include "grader/class/submission.h"
#include "grader/class/untar.h"
#include "grader/driver.h"

static char err[512];

/* One ustar member: header, then data padded to a block. */
static void member(FILE *f, const char *name, char type, int mode, const char *data,
                   const char *link)
{
  unsigned char h[512] = {0};
  size_t len = data ? strlen(data) : 0;
  snprintf((char *)h, 100, "%s", name);
  snprintf((char *)h + 100, 8, "%07o", mode);
  snprintf((char *)h + 108, 8, "%07o", 0);
  snprintf((char *)h + 116, 8, "%07o", 0);
  snprintf((char *)h + 124, 12, "%011o", (unsigned)(len & 07777777u));
  snprintf((char *)h + 136, 12, "%011o", 0);
  h[156] = (unsigned char)type;
  if (link)
    snprintf((char *)h + 157, 100, "%s", link);
  memcpy(h + 257,
         "ustar\0"
         "00",
         8);
  memset(h + 148, ' ', 8);
  unsigned sum = 0;
  for (int i = 0; i < 512; i++)
    sum += h[i];
  snprintf((char *)h + 148, 8, "%06o", sum);
  fwrite(h, 1, 512, f);
  if (len) {
    fwrite(data, 1, len, f);
    static const char pad[512];
    fwrite(pad, 1, (512 - len % 512) % 512, f);
  }
}

static void end_archive(FILE *f)
{
  static const char zero[1024];
  fwrite(zero, 1, sizeof zero, f);
  fclose(f);
}

struct fixture {
  char tmp[64], dir[256], archive[256];
  struct manifest m;
};

static void setup_fixture(struct fixture *x)
{
  snprintf(x->tmp, sizeof x->tmp, "/tmp/rvlab-untar-XXXXXX");
  cr_assert_not_null(mkdtemp(x->tmp));
  snprintf(x->dir, sizeof x->dir, "%s/work", x->tmp);
  char src[300];
  snprintf(src, sizeof src, "%s/src/kernel", x->dir);
  char *mk[] = {"mkdir", "-p", src, NULL};
  cr_assert_eq(class_run(mk, NULL), 0);
  snprintf(x->archive, sizeof x->archive, "%s/sub.tar", x->tmp);
  cr_assert_eq(
      manifest_parse(&x->m, "lab cow\nwrite kernel/a.c\nwrite kernel/b.c\n", "t", err, sizeof err),
      0, "%s", err);
}

static void teardown_fixture(struct fixture *x)
{
  manifest_free(&x->m);
  char *rm[] = {"rm", "-rf", x->tmp, NULL};
  class_run(rm, NULL);
}

/* Gzips the archive as `ninja submission` would and lays it; the notes. */
static char *lay(struct fixture *x, int *rc)
{
  char *gz[] = {"gzip", "-f", x->archive, NULL};
  cr_assert_eq(class_run(gz, NULL), 0);
  strcat(x->archive, ".gz");
  char *notes = NULL;
  size_t len = 0;
  FILE *nf = open_memstream(&notes, &len);
  *rc = class_lay_submission(&x->m, x->archive, x->dir, nf);
  fclose(nf);
  return notes;
}

Test(untar, links_devices_setuid_and_outside_names_are_never_written)
{
  struct fixture x;
  setup_fixture(&x);
  FILE *f = fopen(x.archive, "w");
  member(f, "kernel/a.c", '2', 0777, NULL, "/etc/passwd"); /* a symlink */
  member(f, "kernel/b.c", '1', 0644, NULL, "/etc/shadow"); /* a hard link */
  member(f, "../../escaped.c", '0', 0644, "out\n", NULL);  /* traversal */
  member(f, "/tmp/rvlab-absolute.c", '0', 0644, "abs\n", NULL);
  member(f, "kernel/dev", '3', 0666, NULL, NULL);          /* a char device */
  member(f, "./kernel/a.c", '0', 04755, "int a;\n", NULL); /* setuid, the real file */
  end_archive(f);
  int rc;
  char *notes = lay(&x, &rc);
  cr_assert_eq(rc, 0, "%s", notes);
  char path[512];
  struct stat st;
  snprintf(path, sizeof path, "%s/src/kernel/a.c", x.dir);
  cr_assert_eq(lstat(path, &st), 0);
  cr_assert(S_ISREG(st.st_mode), "the symlink member was not written, the file was");
  cr_assert_eq(st.st_mode & 07777, 0644, "no setuid bit survives: mode %o", st.st_mode & 07777);
  snprintf(path, sizeof path, "%s/src/kernel/b.c", x.dir);
  cr_assert_neq(access(path, F_OK), 0, "a hard link is not a file of the student's");
  snprintf(path, sizeof path, "%s/escaped.c", x.tmp);
  cr_assert_neq(access(path, F_OK), 0);
  cr_assert_neq(access("/tmp/rvlab-absolute.c", F_OK), 0);
  snprintf(path, sizeof path, "%s/src/kernel/dev", x.dir);
  cr_assert_neq(access(path, F_OK), 0);
  cr_assert(strstr(notes, "graded: kernel/a.c\n"), "%s", notes);
  cr_assert(strstr(notes, "ignored: ../../escaped.c"), "%s", notes);
  cr_assert(strstr(notes, "missing: kernel/b.c"), "%s", notes);
  free(notes);
  teardown_fixture(&x);
}

Test(untar, an_archive_that_cannot_be_unpacked_says_why)
{
  struct fixture x;
  setup_fixture(&x);
  FILE *f = fopen(x.archive, "w");
  fputs("this is not a tar archive at all, though gzip will take it", f);
  fclose(f);
  int rc;
  char *notes = lay(&x, &rc);
  cr_assert_eq(rc, -1);
  cr_assert(strstr(notes, "cannot be unpacked: it ends in the middle of a member"), "%s", notes);
  free(notes);
  /* Not gzip data at all: gzip's own reason, without the server's path. */
  f = fopen(x.archive, "w");
  fputs("plain text", f);
  fclose(f);
  char *notes2 = NULL;
  size_t len = 0;
  FILE *nf = open_memstream(&notes2, &len);
  cr_assert_eq(class_lay_submission(&x.m, x.archive, x.dir, nf), -1);
  fclose(nf);
  cr_assert(strstr(notes2, "cannot be unpacked: not in gzip format"), "%s", notes2);
  cr_assert_null(strstr(notes2, x.tmp), "%s", notes2);
  free(notes2);
  teardown_fixture(&x);
}

Test(untar, an_empty_archive_and_thousands_of_junk_files_are_reported_briefly)
{
  struct fixture x;
  setup_fixture(&x);
  FILE *f = fopen(x.archive, "w");
  for (int i = 0; i < 3000; i++) {
    char name[64];
    snprintf(name, sizeof name, "junk/file%05d", i);
    member(f, name, '0', 0644, "x", NULL);
  }
  end_archive(f);
  int rc;
  char *notes = lay(&x, &rc);
  cr_assert_eq(rc, 1, "not one of the student's files: %s", notes);
  cr_assert(strstr(notes, "ignored: 2980 more files not named here"), "%s", notes);
  cr_assert_lt(strlen(notes), 4096, "the notes stay short: %zu bytes", strlen(notes));
  free(notes);
  teardown_fixture(&x);
}

static int take_none(void *ctx, const char *name, int regular, long long size)
{
  (void)ctx, (void)name, (void)regular, (void)size;
  return -1;
}

Test(untar, a_stream_past_its_byte_limit_is_refused)
{
  char path[] = "/tmp/rvlab-bomb-XXXXXX";
  int fd = mkstemp(path);
  FILE *f = fdopen(fd, "w");
  static char big[100000];
  memset(big, 'z', sizeof big - 1);
  member(f, "kernel/a.c", '0', 0644, big, NULL);
  end_archive(f);
  fd = open(path, O_RDONLY);
  struct untar_limits lim = {.total_bytes = 64 << 10, .entries = 10};
  char why[256];
  cr_assert_eq(untar_read(fd, &lim, take_none, NULL, why, sizeof why), -1);
  cr_assert(strstr(why, "unpacks to more than"), "%s", why);
  close(fd);
  unlink(path);
}

Test(untar, results_json_stays_small_whatever_the_outputs_hold)
{
  struct rubric r;
  struct manifest m;
  cr_assert_eq(rubric_parse(&r, "t",
                            "run a timeout 5\n    $ echo hi\n"
                            "check one 3 points\n    expect: hi\n",
                            err, sizeof err),
               0, "%s", err);
  cr_assert_eq(manifest_parse(&m, "lab cow\n", "t", err, sizeof err), 0);
  size_t n = 5 << 20;
  char *flood = malloc(n + 1);
  for (size_t i = 0; i < n; i++)
    flood[i] = (i % 7 == 0) ? '\x01' : 'A'; /* escaped as six bytes each */
  flood[n] = '\0';
  struct check_result res = {.status = CHECK_FAILED, .score = 0, .output = flood};
  char *json = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&json, &len);
  class_write_results(f, &r, &res, "", flood, 1, &m);
  fclose(f);
  cr_assert_lt(len, 1 << 20, "results.json is %zu bytes", len);
  cr_assert(strstr(json, "more bytes on this line"), "the cut is said");
  free(json);
  free(flood);
  manifest_free(&m);
  rubric_free(&r);
}

Test(sandbox, a_build_sees_no_host_file_and_its_time_limit_kills_every_process)
{
  char why[256];
  if (sandbox_probe(why, sizeof why) != 0)
    cr_skip_test("no sandbox on this machine: %s", why);
  prctl(PR_SET_CHILD_SUBREAPER, 1);
  char dir[] = "/tmp/rvlab-sandbox-XXXXXX";
  cr_assert_not_null(mkdtemp(dir));
  char log[64];
  snprintf(log, sizeof log, "%s/log", dir);
  struct sandbox sb = {.enabled = true, .seconds = 2, .memory = 1LL << 30, .file_size = 1 << 20};
  char *cat[] = {"cat", "/etc/passwd", NULL};
  cr_assert_neq(sandbox_run(&sb, dir, dir, cat, log, driver_now() + 10, NULL), 0,
                "the host's /etc/passwd is not in the sandbox");
  /* A process group of its own, as ninja gives each compiler, sleeping. */
  char *sleepy[] = {"sh", "-c", "setsid sleep 299.7 & sleep 299.7", NULL};
  double t = driver_now();
  char *busy = NULL;
  cr_assert_eq(sandbox_run(&sb, dir, dir, sleepy, log, t + 1, &busy), SANDBOX_TIMED_OUT);
  cr_assert_lt(driver_now() - t, 5, "killed at the limit");
  cr_assert(busy && strstr(busy, "sleep 299.7"), "the running commands are known: %s", busy);
  free(busy);
  char *pgrep[] = {"pgrep", "-f", "^sleep 299[.]7$", NULL};
  cr_assert_neq(class_run(pgrep, NULL), 0, "no sleep survives the limit");
  char *rm[] = {"rm", "-rf", dir, NULL};
  class_run(rm, NULL);
}

Test(sandbox, without_the_sandbox_the_time_limit_still_kills_every_process)
{
  prctl(PR_SET_CHILD_SUBREAPER, 1);
  struct sandbox sb = {.enabled = false, .seconds = 1, .memory = 1LL << 30, .file_size = 1 << 20};
  char *sleepy[] = {"sh", "-c", "setsid sleep 301.3 & sleep 301.3", NULL};
  double t = driver_now();
  cr_assert_eq(sandbox_run(&sb, "/tmp", "/tmp", sleepy, NULL, t + 1, NULL), SANDBOX_TIMED_OUT);
  cr_assert_lt(driver_now() - t, 5);
  char *pgrep[] = {"pgrep", "-f", "^sleep 301[.]3$", NULL};
  cr_assert_neq(class_run(pgrep, NULL), 0, "no sleep survives the limit");
}
