// pingpong: the parent sends its child a byte over one pipe and the child
// sends it back over another. The child prints "<pid>: received ping" when
// the byte reaches it, the parent "<pid>: received pong". docs/labs/util.md
// says what to write.
#include "kernel/types.h"
#include "user/user.h"

int main(int argc, char *argv[])
{
  // Your code here: two pipes, fork, read and write one byte each way.
  exit(0);
}
