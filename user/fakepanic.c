// fakepanic: prints a line that looks like a kernel panic and exits 0. The
// grader must not take it for one (docs/grading.md: a kernel panic is the
// panic line and QEMU's exit with the kernel's panic status, which only the
// kernel can give); the base rubric's fakepanic run proves it.
#include "kernel/types.h"
#include "user/user.h"

int main(void)
{
  printf("panic: not really\n");
  printf("fakepanic: still running after the panic line\n");
  exit(0);
}
