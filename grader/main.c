/* grade: boots a kernel under QEMU once per rubric run, types the run's
 * commands at the shell, and scores the console output against the rubric's
 * checks. This file reads the command line and wires the modules together. */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "grader/driver.h"
#include "grader/report.h"
#include "grader/rubric.h"
#include "grader/score.h"

#ifndef GRADE_DEFAULT_LOG_DIR
#define GRADE_DEFAULT_LOG_DIR "grade-logs"
#endif

struct options {
  struct driver_config driver;
  const char *rubric, *json;
  const char **only;
  int nonly;
  int list, tap, quiet;
};

static const char usage[] =
    "usage: grade [options] --kernel KERNEL --fs IMAGE --rubric RUBRIC\n"
    "Boots KERNEL under QEMU once per run of RUBRIC, each on its own copy of IMAGE,\n"
    "types the run's commands at the `$ ` prompt and scores the console output.\n"
    "\n"
    "  --kernel FILE        kernel ELF to boot\n"
    "  --fs FILE            file-system image (copied for every run)\n"
    "  --rubric FILE        rubric to grade (see docs/grading.md)\n"
    "  --qemu PROGRAM       QEMU binary (default qemu-system-riscv64)\n"
    "  --cpus N             harts, as -smp (default 3)\n"
    "  --memory SIZE        RAM, as -m (default 128M)\n"
    "  --list               list the rubric's runs and checks, then exit\n"
    "  --only NAME          grade only this check or run (repeatable)\n"
    "  --log-dir DIR        where console logs go (default " GRADE_DEFAULT_LOG_DIR ")\n"
    "  --timeout-scale X    multiply every run's timeout by X (default 1)\n"
    "  --jobs N             runs at once (default 1)\n"
    "  --tap                write TAP 13 on stdout (people's output goes to stderr)\n"
    "  --json FILE          write Gradescope results JSON to FILE\n"
    "  --quiet              print only the final score line\n"
    "  --help               show this help\n"
    "Exit status: 0 if every graded check passed, 1 if not, 2 on a usage or rubric error.\n";

static void die_usage(const char *fmt, const char *arg)
{
  fputs("grade: ", stderr);
  fprintf(stderr, fmt, arg);
  fputs("\n(grade --help shows the options)\n", stderr);
  exit(2);
}

static double positive_number(const char *arg, const char *option)
{
  char *end;
  double x = strtod(arg, &end);
  if (*end || !(x > 0))
    die_usage(option, arg);
  return x;
}

static void parse_options(int argc, char **argv, struct options *o)
{
  enum { O_KERNEL = 256, O_FS, O_RUBRIC, O_QEMU, O_CPUS, O_MEMORY, O_LIST, O_ONLY, O_LOGDIR,
         O_SCALE, O_JOBS, O_TAP, O_JSON, O_QUIET, O_HELP };
  static const struct option longopts[] = {
      {"kernel", required_argument, 0, O_KERNEL},  {"fs", required_argument, 0, O_FS},
      {"rubric", required_argument, 0, O_RUBRIC},  {"qemu", required_argument, 0, O_QEMU},
      {"cpus", required_argument, 0, O_CPUS},      {"memory", required_argument, 0, O_MEMORY},
      {"list", no_argument, 0, O_LIST},            {"only", required_argument, 0, O_ONLY},
      {"log-dir", required_argument, 0, O_LOGDIR}, {"timeout-scale", required_argument, 0, O_SCALE},
      {"jobs", required_argument, 0, O_JOBS},      {"tap", no_argument, 0, O_TAP},
      {"json", required_argument, 0, O_JSON},      {"quiet", no_argument, 0, O_QUIET},
      {"help", no_argument, 0, O_HELP},            {0, 0, 0, 0}};
  struct driver_config *d = &o->driver;
  int opt;
  while ((opt = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
    switch (opt) {
    case O_KERNEL: d->qemu.kernel = optarg; break;
    case O_FS: d->qemu.fs_image = optarg; break;
    case O_RUBRIC: o->rubric = optarg; break;
    case O_QEMU: d->qemu.qemu = optarg; break;
    case O_CPUS: d->qemu.cpus = (int)positive_number(optarg, "--cpus %s: expected a number of harts"); break;
    case O_MEMORY: d->qemu.memory = optarg; break;
    case O_LIST: o->list = 1; break;
    case O_ONLY:
      o->only = realloc(o->only, sizeof(char *) * (size_t)(o->nonly + 1));
      o->only[o->nonly++] = optarg;
      break;
    case O_LOGDIR: d->log_dir = optarg; break;
    case O_SCALE: d->timeout_scale = positive_number(optarg, "--timeout-scale %s: expected a positive number"); break;
    case O_JOBS: d->jobs = (int)positive_number(optarg, "--jobs %s: expected a positive number"); break;
    case O_TAP: o->tap = 1; break;
    case O_JSON: o->json = optarg; break;
    case O_QUIET: o->quiet = 1; break;
    case O_HELP: fputs(usage, stdout); exit(0);
    default: die_usage("%s", "unknown option or missing argument");
    }
  }
  if (optind < argc)
    die_usage("unexpected argument '%s'", argv[optind]);
  if (!o->rubric)
    die_usage("%s", "--rubric FILE is required");
}

/* --only names checks or runs; a chosen check brings its parents along,
 * since its verdict depends on theirs. */
static void select_checks(const struct options *o, const struct rubric *r, bool *graded, bool *wanted)
{
  for (int i = 0; i < r->nchecks; i++)
    graded[i] = o->nonly == 0;
  for (int k = 0; k < o->nonly; k++) {
    int c = rubric_find_check(r, o->only[k]), run = rubric_find_run(r, o->only[k]);
    if (c < 0 && run < 0)
      die_usage("--only %s: the rubric has no check or run of that name (--list shows them)", o->only[k]);
    for (int i = 0; i < r->nchecks; i++)
      graded[i] = graded[i] || i == c || r->checks[i].run == run;
  }
  for (int i = r->nchecks - 1; i >= 0; i--)
    if (graded[i] && r->checks[i].parent >= 0)
      graded[r->checks[i].parent] = true;
  for (int i = 0; i < r->nruns; i++)
    wanted[i] = false;
  for (int i = 0; i < r->nchecks; i++)
    wanted[r->checks[i].run] = wanted[r->checks[i].run] || graded[i];
}

static void make_dirs(const char *path)
{
  char buf[4096];
  snprintf(buf, sizeof buf, "%s", path);
  for (char *p = buf + 1; *p; p++) {
    if (*p == '/') {
      *p = '\0';
      mkdir(buf, 0755);
      *p = '/';
    }
  }
  if (mkdir(buf, 0755) < 0 && errno != EEXIST) {
    fprintf(stderr, "grade: cannot create the log directory %s: %s\n", path, strerror(errno));
    exit(2);
  }
}
