// A system call given an unmapped pointer fails with -1: the kernel checks
// user pointers itself, so the fault handler never runs.
#include "kernel/types.h"
#include "user/user.h"
#include "user/ucow.h"
#include "user/ucow/ucowtest.h"

static void handler(struct ufault_frame *f)
{
  printf("faultallocbad: the handler ran for %p\n", (void *)f->va);
  exit(1);
}

int main(void)
{
  ucow_region();
  if (set_fault_handler(handler) < 0) {
    printf("faultallocbad: set_fault_handler failed\n");
    exit(1);
  }
  int n = write(1, (char *)(UCOW_BASE + 0xeef), 4);
  printf("faultallocbad: write returned %d\n", n);
  exit(0);
}
