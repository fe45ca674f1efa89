// sleep TICKS: pause for TICKS clock ticks with the sleep system call (the
// util lab's first program). Without an argument, print how to use it and
// exit with status 1. docs/labs/util.md says what to write.
#include "kernel/types.h"
#include "user/user.h"

int main(int argc, char *argv[])
{
  // Your code here: check argc, turn argv[1] into a number (atoi), sleep.
  exit(0);
}
