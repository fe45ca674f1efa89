// The parts kalloctest and bcachetest share (user/locktest.h): the spin
// count they read before and after each contention test, waiting for
// children, and picking tests by name.
#include "kernel/types.h"
#include "user/user.h"
#include "user/locktest.h"

// Large enough for every kmem and bcache lock's line and the top 5.
static char stats[4096];

int locktest_spins(const char *prog, int print)
{
  int n = statistics(stats, sizeof(stats) - 1);
  if (n <= 0) {
    fprintf(2, "%s: no statistics\n", prog);
    exit(1);
  }
  stats[n] = 0;
  char *eq = strchr(stats, '=');
  if (print)
    printf("%s", stats);
  return eq ? atoi(eq + 2) : -1;
}

int locktest_wait(int n)
{
  int ok = 1;
  for (int i = 0; i < n; i++) {
    int status = 1;
    if (wait(&status) < 0 || status != 0)
      ok = 0;
  }
  return ok;
}

static int named(const char *name, int argc, char **argv)
{
  for (int a = 1; a < argc; a++)
    if (strcmp(argv[a], name) == 0)
      return 1;
  return 0;
}

void locktest_main(const char *prog, const struct locktest *tests, int ntests, int argc,
                   char **argv)
{
  for (int a = 1; a < argc; a++) {
    int known = 0;
    for (int t = 0; t < ntests; t++)
      known |= strcmp(argv[a], tests[t].name) == 0;
    if (!known) {
      fprintf(2, "usage: %s", prog);
      for (int t = 0; t < ntests; t++)
        fprintf(2, " [%s]", tests[t].name);
      fprintf(2, "\n");
      exit(2);
    }
  }
  for (int t = 0; t < ntests; t++)
    if (argc < 2 || named(tests[t].name, argc, argv))
      tests[t].fn();
  exit(0);
}
