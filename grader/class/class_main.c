/* grade-class: grades submissions of one lab (docs/teaching.md). Each
 * submission, an archive from `ninja submission` or a directory, is laid
 * over a copy of the pristine tree (only the files the lab's manifest gives
 * the student), its kernel is built in a build directory of its own, and it
 * is graded with the pristine tree's rubric on the pristine build's image.
 * --jobs submissions at once, one process each, so one that breaks anything
 * stops only itself. Writes OUT/<student>/results.json and OUT/grades.csv. */
#define _GNU_SOURCE
#include "grader/class/manifest.h"
#include "grader/class/results.h"
#include "grader/class/submission.h"
#include "grader/driver.h"

#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

struct options {
  struct driver_config driver; /* one grading's QEMU settings, one run at a time */
  const char *lab, *source, *pristine, *out;
  int jobs; /* submissions at once */
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
    "  --out DIR            where results go (default class-grades): DIR/STUDENT/ and\n"
    "                       DIR/grades.csv\n"
    "  --jobs N, -j N       submissions at once (default 1)\n"
    "  --boot-timeout S     seconds a kernel gets to reach its first prompt (default 60)\n"
    "  --qemu PROGRAM, --cpus N, --memory SIZE, --timeout-scale X   as for grade\n";

static void die_usage(const char *what)
{
  fprintf(stderr, "grade-class: %s\n%s", what, usage);
  exit(2);
}

/* The student a submission is: its file name without .tar.gz or .tgz. */
static void student_name(const char *path, char *name, size_t len)
{
  char copy[4096];
  class_path(copy, sizeof copy, "%s", path);
  size_t n = strlen(copy);
  while (n > 1 && copy[n - 1] == '/')
    copy[--n] = '\0';
  snprintf(name, len, "%s", basename(copy));
  char *dot = strstr(name, ".tar.gz");
  if (!dot)
    dot = strstr(name, ".tgz");
  if (dot)
    *dot = '\0';
}

/* Grades one submission into dir; runs in a child of its own. */
static int grade_one(struct options *o, const struct manifest *m, const struct rubric *r,
                     const char *submission, const char *dir)
{
  double start = driver_now();
  char *notes = NULL;
  size_t notes_len = 0;
  FILE *nf = open_memstream(&notes, &notes_len);
  char errors[4096] = "";
  int built = -1;
  int with_fs = 0; /* the student writes something of the image: build it too */
  for (int i = 0; i < m->nentries; i++)
    if (m->entries[i].kind == MANIFEST_WRITE && strncmp(m->entries[i].path, "kernel/", 7) != 0)
      with_fs = 1;

  if (class_copy_tree(o->source, dir) != 0)
    fprintf(nf, "error: cannot copy %s\n", o->source);
  else if (class_lay_submission(m, submission, dir, nf) == 0)
    built = class_build(dir, o->lab, with_fs, errors, sizeof errors);
  char kernel[4096], fs[4096];
  if (built == 0 && class_find_kernel(dir, kernel, sizeof kernel) != 0) {
    snprintf(errors, sizeof errors, "the build made no kernel\n");
    built = -1;
  }

  struct check_result res[r->nchecks];
  struct run_result runs[r->nruns];
  int graded = 0;
  if (built == 0) {
    class_path(fs, sizeof fs, "%s/%s", with_fs ? dir : o->pristine,
               with_fs ? "build/fs.img" : "fs.img");
    char logs[4096];
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
    graded = 1;
  } else {
    fprintf(nf, "The submission does not build: it scores 0. The first errors:\n%s", errors);
  }
  fclose(nf);

  char path[4096];
  class_path(path, sizeof path, "%s/results.json", dir);
  FILE *f = fopen(path, "w");
  if (f) {
    class_write_results(f, r, graded ? res : NULL, "the submission does not build", notes,
                        driver_now() - start, m);
    fclose(f);
  }
  class_path(path, sizeof path, "%s/summary.csv", dir);
  f = fopen(path, "w");
  if (f) {
    class_write_summary(f, r, graded ? res : NULL);
    fclose(f);
  }
  if (graded) {
    score_free(res, r->nchecks);
    driver_free_results(runs, r->nruns);
  }
  free(notes);
  return 0;
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

/* grades.csv: student, score, max, one column per check. */
static void write_csv(const struct options *o, const struct rubric *r, char **students, int n)
{
  char path[4096];
  class_path(path, sizeof path, "%s/grades.csv", o->out);
  FILE *f = fopen(path, "w");
  if (!f) {
    fprintf(stderr, "grade-class: cannot write %s: %s\n", path, strerror(errno));
    return;
  }
  fputs("student,score,max", f);
  for (int i = 0; i < r->nchecks; i++)
    fprintf(f, ",%s", r->checks[i].name);
  fputc('\n', f);
  for (int s = 0; s < n; s++) {
    class_path(path, sizeof path, "%s/%s/summary.csv", o->out, students[s]);
    FILE *in = fopen(path, "r");
    char line[4096] = "";
    if (!in || !fgets(line, sizeof line, in)) {
      /* The grading process died before its summary: the batch goes on. */
      fprintf(f, "%s,0,,grading failed\n", students[s]);
    } else {
      fprintf(f, "%s,%s", students[s], line);
    }
    if (in)
      fclose(in);
  }
  fclose(f);
  printf("grade-class: %d graded; %s/grades.csv\n", n, o->out);
}

int main(int argc, char **argv)
{
  static const struct option longopts[] = {
      {"lab", required_argument, 0, 'l'},      {"source", required_argument, 0, 'S'},
      {"pristine", required_argument, 0, 'P'}, {"out", required_argument, 0, 'o'},
      {"class", required_argument, 0, 'C'},    {"jobs", required_argument, 0, 'j'},
      {"qemu", required_argument, 0, 'Q'},     {"cpus", required_argument, 0, 'c'},
      {"memory", required_argument, 0, 'm'},   {"timeout-scale", required_argument, 0, 's'},
      {"help", no_argument, 0, 'h'},           {0, 0, 0, 0}};
  struct options o = {
      .driver = {.qemu = {.qemu = "qemu-system-riscv64", .memory = "128M", .cpus = 3},
                 .timeout_scale = 1,
                 .jobs = 1,
                 /* A submission whose kernel never reaches the shell (the
                  * base starter cannot fork) fails each run in a minute, not
                  * after the run's whole timeout. */
                 .boot_timeout = 60},
      .out = "class-grades",
      .jobs = 1};
  const char *class_dir = NULL;
  for (int opt; (opt = getopt_long(argc, argv, "j:h", longopts, NULL)) != -1;) {
    if (opt == 'l')
      o.lab = optarg;
    else if (opt == 'S')
      o.source = optarg;
    else if (opt == 'P')
      o.pristine = optarg;
    else if (opt == 'o')
      o.out = optarg;
    else if (opt == 'C')
      class_dir = optarg;
    else if (opt == 'B')
      o.driver.boot_timeout = atof(optarg);
    else if (opt == 'j')
      o.jobs = atoi(optarg) > 0 ? atoi(optarg) : 0;
    else if (opt == 'h') {
      fputs(usage, stdout);
      return 0;
    } else if (driver_option(&o.driver, opt, optarg) != 1)
      die_usage("bad option");
    if (o.jobs == 0)
      die_usage("--jobs takes a positive number");
  }
  if (!o.lab || !o.source || !o.pristine)
    die_usage("--lab, --source and --pristine are required");

  /* The submissions: the arguments, or every entry of --class DIR. */
  int n = 0;
  char **subs = NULL;
  if (class_dir) {
    struct dirent **names;
    int k = scandir(class_dir, &names, NULL, alphasort);
    if (k < 0) {
      fprintf(stderr, "grade-class: %s: %s\n", class_dir, strerror(errno));
      return 2;
    }
    subs = calloc((size_t)k, sizeof *subs);
    for (int i = 0; i < k; i++) {
      if (names[i]->d_name[0] != '.' &&
          asprintf(&subs[n], "%s/%s", class_dir, names[i]->d_name) > 0)
        n++;
      free(names[i]);
    }
    free(names);
  } else {
    n = argc - optind;
    subs = argv + optind;
  }
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

  char *students[n];
  pid_t pids[n];
  double start = driver_now();
  int started = 0, done = 0;
  progress(0, n, 0);
  while (done < n) {
    while (started < n && started - done < o.jobs) {
      char name[256], dir[4096];
      student_name(subs[started], name, sizeof name);
      students[started] = strdup(name);
      class_path(dir, sizeof dir, "%s/%s", o.out, name);
      /* A regrade starts from nothing but the pristine tree and build. */
      char *rm[] = {"rm", "-rf", dir, NULL};
      class_run(rm, NULL);
      driver_make_dirs(dir);
      fflush(NULL);
      pids[started] = fork();
      if (pids[started] == 0)
        _exit(grade_one(&o, &m, &r, subs[started], dir));
      started++;
    }
    int status;
    pid_t pid = wait(&status);
    if (pid < 0 && errno != EINTR)
      break;
    if (pid > 0)
      progress(++done, n, driver_now() - start);
  }
  write_csv(&o, &r, students, n);
  rubric_free(&r);
  manifest_free(&m);
  return 0;
}
