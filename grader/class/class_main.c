/* grade-class: grades submissions of one lab (docs/teaching.md). Each
 * submission, an archive from `ninja submission` or a directory, is laid
 * over a copy of the pristine tree (only the files the lab's manifest gives
 * the student), its kernel is built in a build directory of its own, and it
 * is graded with the pristine tree's rubric on the pristine build's image.
 * --jobs submissions at once, one process each, so one that breaks anything
 * stops only itself. The build runs in a sandbox with limits (sandbox.h);
 * each submission's tree and build are removed once it is graded. Writes
 * OUT/students/<student>/results.json and OUT/grades.csv. */
#define _GNU_SOURCE
#include "grader/class/manifest.h"
#include "grader/class/results.h"
#include "grader/class/sandbox.h"
#include "grader/class/submission.h"
#include "grader/driver.h"
#include "grader/machine.h"

#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <libgen.h>
#include <math.h>
#include <sys/prctl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

struct options {
  struct driver_config driver; /* one grading's QEMU settings, one run at a time */
  const char *lab, *source, *pristine, *out;
  int jobs; /* submissions at once */
  struct sandbox sandbox;
  bool sandbox_if_possible; /* --sandbox if-possible */
  const char *unsandboxed;  /* why the build is not sandboxed, for the notes; NULL if it is */
};

static const char usage[] =
    "usage: grade-class --lab LAB --source TREE --pristine BUILD [options] SUBMISSION...\n"
    "       grade-class --lab LAB --source TREE --pristine BUILD [options] --class DIR\n"
    "Grades each SUBMISSION (a .tar.gz from `ninja submission`, or a directory) of LAB:\n"
    "only the files labs/LAB/handout gives the student are laid over a copy of TREE,\n"
    "the lab's kernel is built in a private build directory, and it is graded with\n"
    "TREE's rubric on BUILD's file-system image (BUILD: TREE configured -Dlab=LAB).\n"
    "\n"
    "  --class DIR          grade every entry of DIR, one per student\n"
    "  --out DIR            where results go (default class-grades): DIR/students/STUDENT/\n"
    "                       and DIR/grades.csv\n"
    "  --jobs N, -j N       submissions at once, 1 to 64 (default 1)\n"
    "  --boot-timeout S     seconds a kernel gets to reach its first prompt (default 60)\n"
    "  --build-timeout S    seconds a submission's build may take (default 300)\n"
    "  --build-memory MB    address space of each build process (default 2048)\n"
    "  --sandbox MODE       required (default): refuse to grade if bwrap cannot make the\n"
    "                       build's sandbox; if-possible: grade without one then and say so\n"
    "                       in each result (Gradescope: one submission per container)\n"
    "  --no-sandbox         build without the sandbox (the limits still hold): only for\n"
    "                       submissions you trust\n"
    "  --check-sandbox      say whether the sandbox can be made here, and exit 0 or 1\n"
    "  --qemu PROGRAM, --cpus N, --memory SIZE, --timeout-scale X   as for grade\n";

static void die_usage(const char *what)
{
  fprintf(stderr, "grade-class: %s\n%s", what, usage);
  exit(2);
}

/* The student a submission is: its file name less a final .tar.gz or .tgz. */
static void student_name(const char *path, char *name, size_t len)
{
  char copy[4096];
  class_path(copy, sizeof copy, "%s", path);
  size_t n = strlen(copy);
  while (n > 1 && copy[n - 1] == '/')
    copy[--n] = '\0';
  snprintf(name, len, "%s", basename(copy));
  n = strlen(name);
  static const char *suffixes[] = {".tar.gz", ".tgz"};
  for (int i = 0; i < 2; i++) {
    size_t k = strlen(suffixes[i]);
    if (n > k && strcmp(name + n - k, suffixes[i]) == 0) {
      name[n - k] = '\0';
      break;
    }
  }
}

/* Another submission with the student name of submission i, or -1. */
static int same_name(char **names, int n, int i)
{
  for (int j = 0; j < n; j++)
    if (j != i && strcmp(names[j], names[i]) == 0)
      return j;
  return -1;
}

/* Runs the rubric on the kernel built in dir; fills res. */
static void grade_kernel(struct options *o, const struct rubric *r, const char *dir,
                         const char *kernel, int with_fs, struct run_result *runs,
                         struct check_result *res)
{
  char fs[4096], logs[4096];
  class_path(fs, sizeof fs, "%s/%s", with_fs ? dir : o->pristine,
             with_fs ? "build/fs.img" : "fs.img");
  class_path(logs, sizeof logs, "%s/logs", dir);
  driver_make_dirs(logs);
  o->driver.qemu.kernel = kernel;
  o->driver.qemu.fs_image = fs;
  o->driver.log_dir = logs;
  bool wanted[r->nruns], all[r->nchecks];
  for (int i = 0; i < r->nruns; i++)
    wanted[i] = true;
  for (int i = 0; i < r->nchecks; i++)
    all[i] = true;
  int sig = driver_run(&o->driver, r, wanted, runs);
  if (sig > 0)
    driver_die_of_signal("grade-class", sig);
  score_checks(r, runs, all, res);
  /* A check names its run's log: as the student's results show it, not
   * where it is on this machine. */
  for (int i = 0; i < r->nchecks; i++)
    if (res[i].output)
      class_relative_paths(res[i].output, dir);
}

static void write_outputs(const struct rubric *r, const struct manifest *m, const char *dir,
                          const struct check_result *res, const char *why, const char *notes,
                          double seconds)
{
  char path[4096];
  class_path(path, sizeof path, "%s/results.json", dir);
  FILE *f = fopen(path, "w");
  if (f) {
    class_write_results(f, r, res, why, notes, seconds, m);
    fclose(f);
  }
  class_path(path, sizeof path, "%s/summary.csv", dir);
  f = fopen(path, "w");
  if (f) {
    class_write_summary(f, r, res);
    fclose(f);
  }
}

/* Grades one submission into dir; runs in a child of its own. */
static int grade_one(struct options *o, const struct manifest *m, const struct rubric *r,
                     const char *submission, const char *dir)
{
  /* Orphans of the build (a compiler whose ninja was killed) become our
   * children, so the sandbox's limit can find and kill them. */
  prctl(PR_SET_CHILD_SUBREAPER, 1);
  double start = driver_now();
  char *notes = NULL;
  size_t notes_len = 0;
  FILE *nf = open_memstream(&notes, &notes_len);
  if (o->unsandboxed)
    fprintf(nf, "note: built without the sandbox: %s\n", o->unsandboxed);
  char errors[4096] = "";
  const char *why = "the submission does not build";
  int built = -1;
  int with_fs = 0; /* the student writes something of the image: build it too */
  for (int i = 0; i < m->nentries; i++)
    if (m->entries[i].kind == MANIFEST_WRITE && strncmp(m->entries[i].path, "kernel/", 7) != 0)
      with_fs = 1;

  int laid = -1;
  if (class_copy_tree(o->source, dir) != 0)
    fprintf(nf, "error: cannot copy the pristine tree\n");
  else
    laid = class_lay_submission(m, submission, dir, nf);
  if (laid == 1) {
    why = "no file of yours was found in the submission";
    fprintf(nf, "No file of yours was found in the submission: it scores 0.\n");
  } else if (laid < 0) {
    why = "the submission cannot be unpacked";
    fprintf(nf, "The submission cannot be graded: it scores 0.\n");
  } else {
    double t = driver_now();
    built = class_build(dir, o->lab, with_fs, &o->sandbox, m, errors, sizeof errors);
    fprintf(nf, "build: %.1f s\n", driver_now() - t);
  }
  char kernel[4096];
  if (built == 0 && class_find_kernel(dir, kernel, sizeof kernel) != 0) {
    snprintf(errors, sizeof errors, "the build made no kernel\n");
    built = -1;
  }
  if (laid == 0 && built != 0)
    fprintf(nf, "The submission does not build: it scores 0. The first errors:\n%s", errors);

  struct check_result res[r->nchecks];
  struct run_result runs[r->nruns];
  if (built == 0)
    grade_kernel(o, r, dir, kernel, with_fs, runs, res);
  fclose(nf);
  class_relative_paths(notes, dir);
  write_outputs(r, m, dir, built == 0 ? res : NULL, why, notes, driver_now() - start);
  if (built == 0) {
    score_free(res, r->nchecks);
    driver_free_results(runs, r->nruns);
  }
  free(notes);
  /* The logs and results stay; the tree and the build go. */
  char src[4096], build[4096];
  class_path(src, sizeof src, "%s/src", dir);
  class_path(build, sizeof build, "%s/build", dir);
  char *rm[] = {"rm", "-rf", src, build, NULL};
  class_run(rm, NULL);
  return 0;
}

/* A submission refused without grading: its results say why. */
static void refuse(const struct rubric *r, const struct manifest *m, const char *dir,
                   const char *why)
{
  char *notes = NULL;
  if (asprintf(&notes, "This submission was not graded: %s.\n", why) < 0)
    return;
  write_outputs(r, m, dir, NULL, why, notes, 0);
  free(notes);
}

/* Minutes and seconds, for the progress line. */
static const char *mmss(double s, char *buf, size_t len)
{
  snprintf(buf, len, "%dm%02ds", (int)s / 60, (int)s % 60);
  return buf;
}

static void progress(int done, int total, double elapsed)
{
  char e[32], left[32];
  int tty = isatty(2);
  fprintf(stderr, "%sgrade-class: %d/%d graded, %s elapsed", tty ? "\r\033[K" : "", done, total,
          mmss(elapsed, e, sizeof e));
  if (done > 0 && done < total)
    fprintf(stderr, ", about %s left", mmss(elapsed / done * (total - done), left, sizeof left));
  fputs(tty && done < total ? "" : "\n", stderr);
}

/* A CSV field as RFC 4180 has it: quoted when it holds a comma, a quote or
 * a line break, a quote doubled. */
static void csv_field(FILE *f, const char *text)
{
  if (!text[strcspn(text, ",\"\r\n")]) {
    fputs(text, f);
    return;
  }
  fputc('"', f);
  for (const char *p = text; *p; p++) {
    if (*p == '"')
      fputc('"', f);
    fputc(*p, f);
  }
  fputc('"', f);
}

/* grades.csv: student, score, max, one column per check. 0, or -1. */
static int write_csv(const struct options *o, const struct rubric *r, char **students, char **dirs,
                     int n)
{
  char path[4096];
  class_path(path, sizeof path, "%s/grades.csv", o->out);
  FILE *f = fopen(path, "w");
  if (!f) {
    fprintf(stderr, "grade-class: cannot write %s: %s\n", path, strerror(errno));
    return -1;
  }
  fputs("student,score,max", f);
  for (int i = 0; i < r->nchecks; i++) {
    fputc(',', f);
    csv_field(f, r->checks[i].name);
  }
  fputs("\r\n", f);
  for (int s = 0; s < n; s++) {
    class_path(path, sizeof path, "%s/summary.csv", dirs[s]);
    FILE *in = fopen(path, "r");
    char line[4096] = "";
    csv_field(f, students[s]);
    if (!in || !fgets(line, sizeof line, in)) {
      /* The grading process died before its summary: the batch goes on. */
      fputs(",0,,grading failed\r\n", f);
    } else {
      line[strcspn(line, "\n")] = '\0';
      fprintf(f, ",%s\r\n", line);
    }
    if (in)
      fclose(in);
  }
  if (fclose(f) != 0) {
    fprintf(stderr, "grade-class: cannot write %s: %s\n", path, strerror(errno));
    return -1;
  }
  printf("grade-class: %d graded; %s/grades.csv\n", n, o->out);
  return 0;
}

/* A number of seconds from 1 to a day, or -1. */
static double seconds_arg(const char *arg)
{
  char *end;
  double v = strtod(arg, &end);
  return *end == '\0' && isfinite(v) && v >= 1 && v <= 86400 ? v : -1;
}

/* Parses the options into o; the submissions' paths start at argv[optind]. */
static void parse_options(int argc, char **argv, struct options *o, const char **class_dir,
                          int *check_sandbox)
{
  static const struct option longopts[] = {{"lab", required_argument, 0, 'l'},
                                           {"source", required_argument, 0, 'S'},
                                           {"pristine", required_argument, 0, 'P'},
                                           {"out", required_argument, 0, 'o'},
                                           {"class", required_argument, 0, 'C'},
                                           {"jobs", required_argument, 0, 'j'},
                                           {"qemu", required_argument, 0, 'Q'},
                                           {"cpus", required_argument, 0, 'c'},
                                           {"memory", required_argument, 0, 'm'},
                                           {"timeout-scale", required_argument, 0, 's'},
                                           {"boot-timeout", required_argument, 0, 'B'},
                                           {"build-timeout", required_argument, 0, 'T'},
                                           {"build-memory", required_argument, 0, 'M'},
                                           {"sandbox", required_argument, 0, 'X'},
                                           {"no-sandbox", no_argument, 0, 'N'},
                                           {"check-sandbox", no_argument, 0, 'K'},
                                           {"help", no_argument, 0, 'h'},
                                           {0, 0, 0, 0}};
  for (int opt; (opt = getopt_long(argc, argv, "j:h", longopts, NULL)) != -1;) {
    struct driver_config scratch = o->driver;
    char *end;
    if (opt == 'l')
      o->lab = optarg;
    else if (opt == 'S')
      o->source = optarg;
    else if (opt == 'P')
      o->pristine = optarg;
    else if (opt == 'o')
      o->out = optarg;
    else if (opt == 'C')
      *class_dir = optarg;
    else if (opt == 'B' && (o->driver.boot_timeout = seconds_arg(optarg)) < 0)
      die_usage("--boot-timeout takes seconds from 1 to 86400");
    else if (opt == 'T' && (o->sandbox.seconds = seconds_arg(optarg)) < 0)
      die_usage("--build-timeout takes seconds from 1 to 86400");
    else if (opt == 'M') {
      long mb = strtol(optarg, &end, 10);
      if (*end || mb < 256 || mb > 65536)
        die_usage("--build-memory takes megabytes from 256 to 65536");
      o->sandbox.memory = (long long)mb << 20;
    } else if (opt == 'X') {
      if (strcmp(optarg, "required") != 0 && strcmp(optarg, "if-possible") != 0)
        die_usage("--sandbox takes required or if-possible");
      o->sandbox_if_possible = strcmp(optarg, "if-possible") == 0;
    } else if (opt == 'N')
      o->sandbox.enabled = false;
    else if (opt == 'K')
      *check_sandbox = 1;
    else if (opt == 'j') {
      /* The same bounds as grade's --jobs (driver_option checks them). */
      if (driver_option(&scratch, 'j', optarg) != 1)
        die_usage("--jobs takes a whole number from 1 to 64");
      o->jobs = scratch.jobs;
    } else if (opt == 'h') {
      fputs(usage, stdout);
      exit(0);
    } else if (opt == 'B' || opt == 'T') {
      /* applied above */
    } else if (driver_option(&o->driver, opt, optarg) != 1)
      die_usage("bad option");
  }
}

/* Grades every submission, --jobs at a time, then writes the CSV. Two
 * submissions with one student name are both refused, by name: neither may
 * overwrite the other's results. Exit status: 0, or 1 without a CSV. */
static int grade_all(struct options *o, const struct manifest *m, const struct rubric *r,
                     char **subs, int n)
{
  char *students[n], *dirs[n];
  const char *refused[n]; /* why a submission is not graded, or NULL */
  for (int i = 0; i < n; i++) {
    char name[256];
    student_name(subs[i], name, sizeof name);
    students[i] = strdup(name);
  }
  for (int i = 0; i < n; i++) {
    int other = same_name(students, n, i);
    bool bad = strcmp(students[i], ".") == 0 || strcmp(students[i], "..") == 0 || !students[i][0];
    refused[i] = bad          ? "no student name can be made of its file name"
                 : other >= 0 ? "more than one submission has this student's name"
                              : NULL;
    /* Per student under students/, where no name meets grades.csv. */
    if ((bad ? asprintf(&dirs[i], "%s/refused-%d", o->out, i)
             : asprintf(&dirs[i], "%s/students/%s", o->out, students[i])) < 0)
      exit(2);
    if (refused[i])
      fprintf(stderr, "grade-class: refused %s: %s\n", subs[i], refused[i]);
  }
  double start = driver_now();
  int started = 0, done = 0, running = 0;
  progress(0, n, 0);
  while (done < n) {
    while (started < n && running < o->jobs) {
      const char *dir = dirs[started];
      /* A regrade starts from nothing but the pristine tree and build. */
      char *rm[] = {"rm", "-rf", (char *)dir, NULL};
      class_run(rm, NULL);
      driver_make_dirs(dir);
      if (refused[started]) {
        /* Said here, not in a child, so two of one name never race. */
        refuse(r, m, dir, refused[started]);
        started++;
        progress(++done, n, driver_now() - start);
        continue;
      }
      fflush(NULL);
      if (fork() == 0)
        _exit(grade_one(o, m, r, subs[started], dir));
      started++;
      running++;
    }
    if (done == n)
      break;
    int status;
    pid_t pid = wait(&status);
    if (pid < 0 && errno != EINTR)
      break;
    if (pid > 0)
      running--, progress(++done, n, driver_now() - start);
  }
  int rc = write_csv(o, r, students, dirs, n) == 0 ? 0 : 1;
  for (int i = 0; i < n; i++)
    free(students[i]), free(dirs[i]);
  return rc;
}

/* Decides whether builds are sandboxed: 0 to go on, or an exit status. */
static int settle_sandbox(struct options *o, int check_only)
{
  static char why[512];
  if (!o->sandbox.enabled && !check_only) {
    o->unsandboxed = "grade-class was told --no-sandbox";
    return -1;
  }
  if (sandbox_probe(why, sizeof why) == 0) {
    if (check_only)
      printf("grade-class: the build sandbox works here\n");
    return check_only ? 0 : -1;
  }
  if (check_only) {
    printf("grade-class: no build sandbox here: %s\n", why);
    return 1;
  }
  if (!o->sandbox_if_possible) {
    fprintf(stderr,
            "grade-class: cannot make the build's sandbox: %s\n"
            "  A submission's build is code its author controls: install bubblewrap\n"
            "  (Debian: apt install bubblewrap), or give --no-sandbox to grade\n"
            "  without one, only submissions you trust.\n",
            why);
    return 2;
  }
  fprintf(stderr, "grade-class: grading without the build sandbox: %s\n", why);
  o->sandbox.enabled = false;
  o->unsandboxed = why;
  return -1;
}

/* The submissions: the arguments, or every entry of --class DIR. */
static char **list_submissions(const char *class_dir, int argc, char **argv, int *n)
{
  if (!class_dir) {
    *n = argc - optind;
    return argv + optind;
  }
  struct dirent **names;
  int k = scandir(class_dir, &names, NULL, alphasort);
  if (k < 0) {
    fprintf(stderr, "grade-class: %s: %s\n", class_dir, strerror(errno));
    exit(2);
  }
  char **subs = calloc((size_t)k + 1, sizeof *subs);
  *n = 0;
  for (int i = 0; i < k; i++) {
    if (names[i]->d_name[0] != '.' && asprintf(&subs[*n], "%s/%s", class_dir, names[i]->d_name) > 0)
      (*n)++;
    free(names[i]);
  }
  free(names);
  return subs;
}

int main(int argc, char **argv)
{
  struct options o = {.driver = {.timeout_scale = 1,
                                 .jobs = 1,
                                 /* A submission whose kernel never reaches the shell (the
                                  * base starter cannot fork) fails each run in a minute, not
                                  * after the run's whole timeout. */
                                 .boot_timeout = 60},
                      .out = "class-grades",
                      .jobs = 1,
                      .sandbox = {.enabled = true,
                                  .seconds = 300,
                                  .memory = 2048LL << 20,
                                  /* The largest file a build writes is the kernel with its
                                   * debug information, a few megabytes. */
                                  .file_size = 64LL << 20}};
  machine_defaults(&o.driver.qemu);
  const char *class_dir = NULL;
  int check_only = 0;
  parse_options(argc, argv, &o, &class_dir, &check_only);
  int rc = settle_sandbox(&o, check_only);
  if (rc >= 0)
    return rc;
  if (!o.lab || !o.source || !o.pristine)
    die_usage("--lab, --source and --pristine are required");
  int n = 0;
  char **subs = list_submissions(class_dir, argc, argv, &n);
  if (n == 0)
    die_usage("no submissions");

  char err[1024], path[4096];
  struct manifest m;
  struct rubric r;
  class_path(path, sizeof path, "%s/labs/%s/handout", o.source, o.lab);
  if (manifest_load(&m, path, err, sizeof err) != 0) {
    fprintf(stderr, "grade-class: %s\n", err);
    return 2;
  }
  class_path(path, sizeof path, "%s/labs/%s/rubric", o.source, o.lab);
  if (rubric_load(&r, path, err, sizeof err) != 0) {
    fprintf(stderr, "grade-class: %s\n", err);
    return 2;
  }
  /* The pristine build's image, made once and shared by every grading. */
  char *ninja[] = {"ninja", "-C", (char *)o.pristine, "fs.img", NULL};
  if (class_run(ninja, NULL) != 0) {
    fprintf(stderr, "grade-class: cannot build %s/fs.img\n", o.pristine);
    return 2;
  }
  return grade_all(&o, &m, &r, subs, n);
}
