/* Parsing the matrix program's command line with getopt_long; the QEMU
 * options go to the driver's parser, which grade shares. Every refusal is a
 * usage error (exit 2) that names the option at fault. */
#define _GNU_SOURCE
#include "grader/matrix/options.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

static const char usage[] =
    "usage: matrix [options] --variants TABLE --rubric RUBRIC --kernel-dir DIR --fs IMAGE\n"
    "Grades every kernel of TABLE (DIR/<name>) with RUBRIC and compares the verdicts with\n"
    "what TABLE expects; writes OUT/report.md and OUT/report.html.\n"
    "\n"
    "  --variants FILE      the variant table (labs/<lab>/variants)\n"
    "  --rubric FILE        the lab's rubric; its first run is graded on every kernel\n"
    "  --kernel-dir DIR     where the kernels are (build/kernel)\n"
    "  --fs FILE            file-system image (copied for every run)\n"
    "  --out DIR            report and console logs (default matrix)\n"
    "  --cowtest-only       grade only the rubric's first run, also on correct kernels\n"
    "  --bench-eager NAME   kernel to run forkbench on as the eager baseline (once)\n"
    "  --bench-cow NAME     a copy-on-write kernel to run forkbench on and compare with the\n"
    "                       baseline; give it up to 3 times, always with --bench-eager\n"
    "  --bench-memory SIZE  RAM of the machine forkbench runs on (default: --memory's):\n"
    "                       an eager fork of 64 MiB needs a machine above 128M\n"
    "  --boot-timeout S     seconds a kernel gets to reach its first prompt (default 30;\n"
    "                       --timeout-scale multiplies it like every run timeout)\n"
    "  --qemu PROGRAM, --cpus N, --memory SIZE, --jobs N, --timeout-scale X: as for grade\n"
    "  --help, -h           show this help\n"
    "Exit status: 0 if every kernel matches the table (and every forkbench run gave its\n"
    "table), 1 if not, 2 on a usage or file error.\n";

void matrix_die(const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  fputs("matrix: ", stderr);
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
  va_end(ap);
  exit(2);
}

static double positive(const char *arg)
{
  char *end;
  double x = strtod(arg, &end);
  if (*end || !(x > 0))
    matrix_die("expected a positive number, found '%s'", arg);
  return x;
}

static const struct option longopts[] = {{"variants", required_argument, 0, 'V'},
                                         {"rubric", required_argument, 0, 'r'},
                                         {"kernel-dir", required_argument, 0, 'K'},
                                         {"fs", required_argument, 0, 'f'},
                                         {"out", required_argument, 0, 'O'},
                                         {"cowtest-only", no_argument, 0, 'C'},
                                         {"bench-eager", required_argument, 0, 'E'},
                                         {"bench-cow", required_argument, 0, 'W'},
                                         {"boot-timeout", required_argument, 0, 'B'},
                                         {"bench-memory", required_argument, 0, 'M'},
                                         {"qemu", required_argument, 0, 'Q'},
                                         {"cpus", required_argument, 0, 'c'},
                                         {"memory", required_argument, 0, 'm'},
                                         {"jobs", required_argument, 0, 'j'},
                                         {"timeout-scale", required_argument, 0, 's'},
                                         {"help", no_argument, 0, 'h'},
                                         {0, 0, 0, 0}};

/* The benchmark compares one baseline with a few kernels: a second
 * baseline would silently replace the first, and the report's tables and
 * charts have room for MATRIX_MAX_COW copy-on-write kernels. */
static void add_bench_kernel(struct matrix_options *o, int opt, const char *arg)
{
  if (opt == 'E' && o->bench_eager)
    matrix_die("--bench-eager is given twice ('%s' and '%s'); there is one eager baseline",
               o->bench_eager, arg);
  if (opt == 'E')
    o->bench_eager = arg;
  else if (o->nbench_cow == MATRIX_MAX_COW)
    matrix_die("--bench-cow is given more than %d times; the report compares at most %d "
               "copy-on-write kernels with the eager one",
               MATRIX_MAX_COW, MATRIX_MAX_COW);
  else
    o->bench_cow[o->nbench_cow++] = arg;
}

/* The options grade has too: --qemu, --cpus, --memory, --jobs, --timeout-scale. */
static void shared_option(struct matrix_options *o, int opt, const char *arg)
{
  switch (driver_option(&o->driver, opt, arg)) {
  case 1:
    break;
  case -1:
    matrix_die("expected %s, found '%s'", driver_option_expected(opt), arg);
  default:
    matrix_die("unknown option or missing argument (matrix --help shows the options)");
  }
}

static void apply_option(struct matrix_options *o, int opt, char *arg)
{
  switch (opt) {
  case 'V':
    o->variants = arg;
    break;
  case 'r':
    o->rubric = arg;
    break;
  case 'K':
    o->kernel_dir = arg;
    break;
  case 'f':
    o->driver.qemu.fs_image = arg;
    break;
  case 'O':
    o->out = arg;
    break;
  case 'C':
    o->cowtest_only = true;
    break;
  case 'E':
  case 'W':
    add_bench_kernel(o, opt, arg);
    break;
  case 'B':
    o->boot_timeout = positive(arg);
    break;
  case 'M':
    o->bench_memory = arg;
    break;
  case 'h':
    fputs(usage, stdout);
    exit(0);
  default:
    shared_option(o, opt, arg);
  }
}

void matrix_parse_options(int argc, char **argv, struct matrix_options *o)
{
  int opt;
  while ((opt = getopt_long(argc, argv, "j:h", longopts, NULL)) != -1)
    apply_option(o, opt, optarg);
  if (optind < argc)
    matrix_die("unexpected argument '%s'", argv[optind]);
  if (!o->variants || !o->rubric || !o->kernel_dir || !o->driver.qemu.fs_image)
    matrix_die("--variants, --rubric, --kernel-dir and --fs are required (matrix --help)");
  if (!o->bench_eager != !o->nbench_cow)
    matrix_die("--bench-eager and --bench-cow go together");
}
