// xargs COMMAND [ARG...]: run COMMAND ARG... once for each line of standard
// input, with that line's words appended to the arguments, waiting for each
// run before reading the next line. docs/labs/util.md says what to write.
#include "kernel/types.h"
#include "kernel/param.h"
#include "user/user.h"

int main(int argc, char *argv[])
{
  // Your code here: read a line, split it into words, fork, exec, wait.
  exit(0);
}
