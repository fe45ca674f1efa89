// pingpong: the parent sends its child a byte over one pipe and the child
// sends it back over another; each prints when the byte reaches it (the
// util lab's second program).
#include "kernel/types.h"
#include "user/user.h"

static void must(int ok, const char *what)
{
  if (!ok) {
    fprintf(2, "pingpong: %s failed\n", what);
    exit(1);
  }
}

int main(void)
{
  int down[2], up[2]; // down: parent to child; up: child to parent
  char b = 'b';

  must(pipe(down) == 0 && pipe(up) == 0, "pipe");
  int pid = fork();
  must(pid >= 0, "fork");
  if (pid == 0) {
    close(down[1]);
    close(up[0]);
    must(read(down[0], &b, 1) == 1, "child read");
    printf("%d: received ping\n", getpid());
    must(write(up[1], &b, 1) == 1, "child write");
    exit(0);
  }
  close(down[0]);
  close(up[1]);
  must(write(down[1], &b, 1) == 1, "parent write");
  must(read(up[0], &b, 1) == 1, "parent read");
  printf("%d: received pong\n", getpid());
  wait(0);
  exit(0);
}
