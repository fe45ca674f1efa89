// stats: print the kernel's lock statistics (the statistics() system call):
// the kmem and bcache locks, the five most contended locks, and `tot=`.
#include "kernel/types.h"
#include "user/user.h"

static char buf[4096];

int main(void)
{
  int n = statistics(buf, sizeof(buf));
  if (n < 0) {
    fprintf(2, "stats: statistics failed\n");
    exit(1);
  }
  write(1, buf, n);
  exit(0);
}
