/* The options every program that drives QEMU shares (grade, matrix,
 * grade-class), with their bounds, and the directories their logs go to. */
#define _GNU_SOURCE
#include "grader/driver.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The bounds of the numeric options. A machine has at most 8 harts (as
 * meson_options.txt's cpus); 64 QEMUs at once is more than any host here
 * has cores for; a scale outside 0.05 to 100 turns a one-minute timeout
 * into seconds or days. */
static const struct {
  int opt;
  double min, max;
  bool integer;
  const char *expected;
} option_bounds[] = {
    {'c', 1, 8, true, "a whole number of harts from 1 to 8"},
    {'j', 1, 64, true, "a whole number of runs at once from 1 to 64"},
    {'s', 0.05, 100, false, "a number from 0.05 to 100"},
};

const char *driver_option_expected(int opt)
{
  for (size_t i = 0; i < sizeof option_bounds / sizeof option_bounds[0]; i++)
    if (option_bounds[i].opt == opt)
      return option_bounds[i].expected;
  return "a value";
}

/* Digits only for an integer: strtod would take 1e10, 0x10 or 2.5 and the
 * cast to int would then make what it liked of them. */
static int bounded_number(int opt, const char *arg, double *out)
{
  for (size_t i = 0; i < sizeof option_bounds / sizeof option_bounds[0]; i++) {
    if (option_bounds[i].opt != opt)
      continue;
    char *end;
    errno = 0;
    if (option_bounds[i].integer && arg[strspn(arg, "0123456789")] != '\0')
      return -1;
    double x = strtod(arg, &end);
    if (!*arg || *end || errno || !isfinite(x) || x < option_bounds[i].min ||
        x > option_bounds[i].max)
      return -1;
    *out = x;
    return 0;
  }
  return -1;
}

int driver_option(struct driver_config *cfg, int opt, const char *arg)
{
  double x;
  switch (opt) {
  case 'Q':
    cfg->qemu.qemu = arg;
    return 1;
  case 'm':
    cfg->qemu.memory = arg;
    return 1;
  case 'c':
  case 'j':
  case 's':
    if (bounded_number(opt, arg, &x) < 0)
      return -1;
    if (opt == 'c')
      cfg->qemu.cpus = (int)x;
    else if (opt == 'j')
      cfg->jobs = (int)x;
    else
      cfg->timeout_scale = x;
    return 1;
  default:
    return 0;
  }
}

int driver_make_dirs(const char *path)
{
  char buf[4096];
  snprintf(buf, sizeof buf, "%s", path);
  for (char *p = buf + 1; *p; p++) {
    if (*p == '/') {
      *p = '\0';
      mkdir(buf, 0755); /* an existing parent is fine; a real failure shows below */
      *p = '/';
    }
  }
  return mkdir(buf, 0755) < 0 && errno != EEXIST ? -1 : 0;
}
