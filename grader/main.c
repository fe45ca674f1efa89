/* grade: boots a kernel under QEMU once per rubric run, types the run's
 * commands at the shell, and scores the console output against the rubric's
 * checks. This file reads the command line and wires the modules together. */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "grader/driver.h"
#include "grader/report.h"
#include "grader/rubric.h"
#include "grader/score.h"
#include "grader/tag.h"

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
    "  --qemu PROGRAM       QEMU binary (default " MACHINE_QEMU ")\n"
    "  --cpus N             harts, as -smp (default 3)\n"
    "  --memory SIZE        RAM, as -m (default " MACHINE_MEMORY ")\n"
    "  --list               list the rubric's runs and checks, then exit\n"
    "  --only NAME          grade only this check or run (repeatable)\n"
    "  --log-dir DIR        where console logs go (default " GRADE_DEFAULT_LOG_DIR ")\n"
    "  --timeout-scale X    multiply every run's timeout by X (default 1)\n"
    "  --boot-timeout S     seconds a run has to reach its first prompt (default 60): a\n"
    "                       kernel that never boots fails in a minute, not its run's timeout\n"
    "  --jobs N, -j N       runs at once (default 1)\n"
    "  --tap                write TAP 13 on stdout (people's output goes to stderr)\n"
    "  --json FILE          write Gradescope results JSON to FILE\n"
    "  --quiet, -q          print only the final score line\n"
    "  --help, -h           show this help\n"
    "Exit status: 0 if every graded check passed, 1 if not, 2 on a usage or rubric error.\n"
    "With --tap it is 0 once the stream is written: the verdicts are its ok/not ok lines.\n";

static void die_usage(const char *fmt, const char *arg)
{
  fputs("grade: ", stderr);
  fprintf(stderr, fmt, arg);
  fputs("\n(grade --help shows the options)\n", stderr);
  exit(2);
}

/* Short letters double as getopt_long's codes; only -j, -q and -h are also
 * accepted as short options, the rest read better spelled out. */
static const struct option longopts[] = {{"kernel", required_argument, 0, 'k'},
                                         {"fs", required_argument, 0, 'f'},
                                         {"rubric", required_argument, 0, 'r'},
                                         {"qemu", required_argument, 0, 'Q'},
                                         {"cpus", required_argument, 0, 'c'},
                                         {"memory", required_argument, 0, 'm'},
                                         {"list", no_argument, 0, 'l'},
                                         {"only", required_argument, 0, 'o'},
                                         {"log-dir", required_argument, 0, 'L'},
                                         {"timeout-scale", required_argument, 0, 's'},
                                         {"jobs", required_argument, 0, 'j'},
                                         {"tap", no_argument, 0, 't'},
                                         {"json", required_argument, 0, 'J'},
                                         {"quiet", no_argument, 0, 'q'},
                                         {"boot-timeout", required_argument, 0, 'B'},
                                         {"help", no_argument, 0, 'h'},
                                         {0, 0, 0, 0}};

static const char *longopt_name(int opt)
{
  static char name[32];
  for (const struct option *l = longopts; l->name; l++)
    if (l->val == opt)
      return snprintf(name, sizeof name, "--%s", l->name), name;
  return "option";
}

static void apply_option(struct options *o, int opt, char *arg)
{
  struct driver_config *d = &o->driver;
  switch (opt) {
  case 'k':
    d->qemu.kernel = arg;
    break;
  case 'f':
    d->qemu.fs_image = arg;
    break;
  case 'r':
    o->rubric = arg;
    break;
  case 'l':
    o->list = 1;
    break;
  case 'L':
    d->log_dir = arg;
    break;
  case 't':
    o->tap = 1;
    break;
  case 'J':
    o->json = arg;
    break;
  case 'q':
    o->quiet = 1;
    break;
  case 'h':
    fputs(usage, stdout);
    exit(0);
  case 'B': {
    char *end;
    d->boot_timeout = strtod(arg, &end);
    // Like a rubric's timeouts: a finite number of seconds, at most a day.
    if (*end || !(d->boot_timeout > 0 && d->boot_timeout <= 86400)) {
      fprintf(stderr, "grade: --boot-timeout '%s': expected seconds, above 0 and at most 86400\n",
              arg);
      exit(2);
    }
    break;
  }
  case 'o':
    o->only = realloc(o->only, sizeof(char *) * (size_t)(o->nonly + 1));
    o->only[o->nonly++] = arg;
    break;
  default:
    // --qemu, --cpus, --memory, --jobs, --timeout-scale: shared with matrix.
    switch (driver_option(d, opt, arg)) {
    case 1:
      break;
    case -1:
      fprintf(stderr, "grade: %s '%s': expected %s\n(grade --help shows the options)\n",
              longopt_name(opt), arg, driver_option_expected(opt));
      exit(2);
    default:
      die_usage("%s", "unknown option or missing argument");
    }
  }
}

static void parse_options(int argc, char **argv, struct options *o)
{
  int opt;
  while ((opt = getopt_long(argc, argv, "j:qh", longopts, NULL)) != -1)
    apply_option(o, opt, optarg);
  if (optind < argc)
    die_usage("unexpected argument '%s'", argv[optind]);
  if (!o->rubric)
    die_usage("%s", "--rubric FILE is required");
}

/* --only names checks or runs; a chosen check brings its parents along,
 * since its verdict depends on theirs. */
static void select_checks(const struct options *o, const struct rubric *r, bool *graded,
                          bool *wanted)
{
  for (int i = 0; i < r->nchecks; i++)
    graded[i] = o->nonly == 0;
  for (int k = 0; k < o->nonly; k++) {
    int c = rubric_find_check(r, o->only[k]), run = rubric_find_run(r, o->only[k]);
    if (c < 0 && run < 0)
      die_usage("--only %s: the rubric has no check or run of that name (--list shows them)",
                o->only[k]);
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

/* What would make every run fail in a way that looks like the kernel's
 * fault is refused before anything boots, with status 2. */
static void refuse_inputs(const struct options *o, const struct rubric *r)
{
  char err[PATH_MAX + 256];
  if (qemu_check_kernel(o->driver.qemu.kernel, err, sizeof err) < 0 ||
      qemu_check_image(o->driver.qemu.fs_image, err, sizeof err) < 0) {
    fprintf(stderr, "grade: %s\n", err);
    exit(2);
  }
  for (int i = 0; i < r->nchecks; i++) {
    for (int k = 0; k < r->checks[i].nconds; k++) {
      if (r->checks[i].conds[k].tagged && tag_find_placeholder(o->driver.qemu.fs_image) < 0) {
        fprintf(stderr,
                "grade: %s:%d: check '%s' wants tagged lines, but the image %s has no "
                "/%s placeholder for the key (an image made by rvlab's mkfs has one)\n",
                r->path, r->checks[i].conds[k].line, r->checks[i].name, o->driver.qemu.fs_image,
                GRADEKEY_NAME);
        exit(2);
      }
    }
  }
}

static void write_json(const char *path, const struct rubric *r, const struct run_result *runs,
                       const struct check_result *res)
{
  FILE *f = fopen(path, "w");
  if (!f) {
    fprintf(stderr, "grade: cannot write %s: %s\n", path, strerror(errno));
    return;
  }
  report_json(f, r, runs, res);
  fclose(f);
}

int main(int argc, char **argv)
{
  struct options o = {
      .driver = {
          .log_dir = GRADE_DEFAULT_LOG_DIR, .timeout_scale = 1, .jobs = 1, .boot_timeout = 60}};
  machine_defaults(&o.driver.qemu);
  parse_options(argc, argv, &o);
  struct rubric r;
  char err[1024];
  if (rubric_load(&r, o.rubric, err, sizeof err) < 0) {
    fprintf(stderr, "grade: %s\n", err);
    return 2;
  }
  if (o.list) {
    report_list(stdout, &r);
    return 0;
  }
  if (!o.driver.qemu.kernel || !o.driver.qemu.fs_image)
    die_usage("%s", "--kernel FILE and --fs IMAGE are required to grade");
  refuse_inputs(&o, &r);
  bool graded[r.nchecks], wanted[r.nruns];
  select_checks(&o, &r, graded, wanted);
  if (driver_make_dirs(o.driver.log_dir) < 0) {
    fprintf(stderr, "grade: cannot create the log directory %s: %s\n", o.driver.log_dir,
            strerror(errno));
    return 2;
  }
  FILE *human = o.quiet ? NULL : o.tap ? stderr : stdout;
  o.driver.human = human;
  o.driver.live = human && isatty(fileno(human));

  struct run_result runs[r.nruns];
  int sig = driver_run(&o.driver, &r, wanted, runs);
  if (sig > 0)
    driver_die_of_signal("grade", sig);
  if (sig < 0) {
    fprintf(stderr, "grade: cannot set up signal handling: %s\n", strerror(errno));
    return 2;
  }
  struct check_result res[r.nchecks];
  score_checks(&r, runs, graded, res);
  if (human && o.tap)
    report_end(human, &r, runs, res);
  else if (human)
    report_table(human, &r, runs, res);
  if (o.tap)
    report_tap(stdout, &r, res);
  if (o.json)
    write_json(o.json, &r, runs, res);
  struct score_total t = score_total(&r, res);
  if (o.quiet)
    printf("score: %g/%g\n", t.score, t.max_score);
  // A TAP harness such as `meson test` reads the verdicts from the stream and
  // calls a non-zero exit a crash of the test program, not a failed check.
  int status = o.tap || (t.failed == 0 && t.skipped == 0 && t.partial == 0) ? 0 : 1;
  score_free(res, r.nchecks);
  driver_free_results(runs, r.nruns);
  rubric_free(&r);
  free(o.only);
  return status;
}
