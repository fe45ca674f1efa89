// A handler whose exception stack is not mapped: the fault cannot be
// delivered and the process is killed, naming the frame's address.
#include "kernel/types.h"
#include "kernel/riscv.h"
#include "user/user.h"
#include "user/ucow.h"
#include "user/ucow/ucowtest.h"

int main(void)
{
  ucow_region();
  if (upcall_set(0, (uint64)ufault_entry, UCOW_BASE + 4 * PGSIZE) < 0) {
    printf("faultnostack: upcall_set failed\n");
    exit(1);
  }
  *(volatile char *)(UCOW_BASE + 0xeef) = 0;
  printf("faultnostack: not killed\n");
  exit(1);
}
