// trace MASK COMMAND [ARG...]: runs COMMAND with system-call tracing on (the
// syscall lab's trace(mask)): each call whose bit is set in MASK prints
// "PID: syscall NAME -> RETURN" as it returns, in COMMAND and its children.
#include "kernel/types.h"
#include "kernel/param.h"
#include "user/user.h"

int main(int argc, char *argv[])
{
  if (argc < 3 || argv[1][0] < '0' || argv[1][0] > '9') {
    fprintf(2, "usage: trace MASK COMMAND [ARG...]\n");
    exit(1);
  }
  if (trace(atoi(argv[1])) < 0) {
    fprintf(2, "trace: trace failed\n");
    exit(1);
  }
  exec(argv[2], &argv[2]);
  fprintf(2, "trace: exec %s failed\n", argv[2]);
  exit(1);
}
