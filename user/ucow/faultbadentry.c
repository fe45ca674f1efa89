// A handler address that is not code (an unmapped page of the process):
// the process is killed, naming that address, instead of jumping there.
#include "kernel/types.h"
#include "kernel/riscv.h"
#include "user/user.h"
#include "user/ucow.h"
#include "user/ucow/ucowtest.h"

int main(void)
{
  ucow_region();
  uint64 stack = ufault_heap_page();
  if (stack == 0 || upcall_set(0, UCOW_BASE + 0xeef, stack + PGSIZE) < 0) {
    printf("faultbadentry: upcall_set failed\n");
    exit(1);
  }
  *(volatile char *)(UCOW_BASE + 0xeef) = 0;
  printf("faultbadentry: not killed\n");
  exit(1);
}
