// forktest: fork until the process table is full, then check the kernel's
// bookkeeping: fork must fail before NPROC children (init, the shell and this
// program hold slots too), every child must be waited for exactly once with
// its exit status, and then wait must report that no children are left.
#include "kernel/types.h"
#include "kernel/stat.h"
#include "kernel/param.h"
#include "user/user.h"

// Fewer children than this means fork failed long before the table filled,
// which a working kernel with NPROC slots and enough memory does not do.
#define PLAUSIBLE_MIN (NPROC / 2)

static void fail(const char *why, int n)
{
  fprintf(2, "fork test FAILED: %s (%d)\n", why, n);
  exit(1);
}

// Forks children that exit at once with status 7 until fork fails or NPROC
// forks have succeeded; returns the number of children.
static int fork_many(void)
{
  int n;

  for (n = 0; n < NPROC; n++) {
    int pid = fork();
    if (pid < 0)
      break;
    if (pid == 0)
      exit(7);
  }
  return n;
}

int main(void)
{
  int n = fork_many();
  int status;

  printf("forktest: %d children\n", n);
  if (n == NPROC)
    fail("fork never failed, but the table has only NPROC slots", n);
  if (n < PLAUSIBLE_MIN)
    fail("fork failed too early", n);
  for (int i = 0; i < n; i++) {
    status = 0;
    if (wait(&status) < 0)
      fail("wait found fewer children than were forked; waited for", i);
    if (status != 7)
      fail("a child's exit status was lost; wait reported", status);
  }
  if (wait(&status) != -1)
    fail("wait found a child after all were reaped", n);
  printf("fork test OK\n");
  exit(0);
}
