// A depth-3 binary tree of ufork: every process prints its name once, the
// branch digits from the root ('' is the root), and waits for its children.
#include "kernel/types.h"
#include "user/user.h"
#include "user/ucow.h"

#define DEPTH 3

static void forktree(const char *cur);

static void forkchild(const char *cur, char branch)
{
  int n = strlen(cur);
  if (n >= DEPTH)
    return;
  char next[DEPTH + 1];
  memmove(next, cur, n);
  next[n] = branch;
  next[n + 1] = 0;
  int pid = ufork();
  if (pid < 0) {
    printf("forktree: ufork failed\n");
    exit(1);
  }
  if (pid == 0) {
    forktree(next);
    exit(0);
  }
}

static void forktree(const char *cur)
{
  printf("%d: I am '%s'\n", getpid(), cur);
  forkchild(cur, '0');
  forkchild(cur, '1');
  int status, bad = 0;
  while (wait(&status) > 0)
    bad |= status != 0;
  if (bad)
    exit(1);
}

int main(void)
{
  forktree("");
  printf("forktree: done\n");
  exit(0);
}
