/* machine: runs the one machine (grader/machine.h) on a terminal, for
 * `ninja qemu` and `ninja qemu-gdb`, or prints its QEMU command line, one
 * word a line, for tools that start QEMU themselves (console_times.py).
 *
 *   machine [--qemu Q] [--cpus N] [--memory M] --kernel K --fs IMAGE [--print] [-- QEMU-ARGS...]
 *
 * QEMU-ARGS go after the machine's own, as qemu-gdb's `-S -gdb ...`. The
 * image is used in place: `ninja qemu` is the student's own machine. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "grader/machine.h"

static const char usage[] = "usage: machine [--qemu Q] [--cpus N] [--memory M] --kernel K --fs "
                            "IMAGE [--print] [-- QEMU-ARGS...]\n";

int main(int argc, char **argv)
{
  static const struct option longopts[] = {{"qemu", required_argument, 0, 'Q'},
                                           {"cpus", required_argument, 0, 'c'},
                                           {"memory", required_argument, 0, 'm'},
                                           {"kernel", required_argument, 0, 'k'},
                                           {"fs", required_argument, 0, 'f'},
                                           {"print", no_argument, 0, 'p'},
                                           {0, 0, 0, 0}};
  struct qemu_config cfg = {0};
  machine_defaults(&cfg);
  int opt, print = 0;
  while ((opt = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
    if (opt == 'Q')
      cfg.qemu = optarg;
    else if (opt == 'c')
      cfg.cpus = atoi(optarg) > 0 && atoi(optarg) <= 8 ? atoi(optarg) : 0;
    else if (opt == 'm')
      cfg.memory = optarg;
    else if (opt == 'k')
      cfg.kernel = optarg;
    else if (opt == 'f')
      cfg.fs_image = optarg;
    else if (opt == 'p')
      print = 1;
    else
      return fputs(usage, stderr), 2;
  }
  if (!cfg.kernel || !cfg.fs_image || cfg.cpus == 0)
    return fputs(usage, stderr), 2;
  struct machine_argv m;
  machine_argv(&cfg, cfg.fs_image, &m);
  int n = 0;
  while (m.argv[n])
    n++;
  char **all = calloc((size_t)(n + argc - optind + 1), sizeof *all);
  for (int i = 0; i < n; i++)
    all[i] = m.argv[i];
  for (int i = optind; i < argc; i++)
    all[n++] = argv[i];
  if (print) {
    for (int i = 0; all[i]; i++)
      printf("%s\n", all[i]);
    return 0;
  }
  execvp(all[0], all);
  perror(all[0]);
  return 127;
}
