// No handler: a store to an unmapped page kills the process, and the
// kernel's line names the address.
#include "kernel/types.h"
#include "user/user.h"
#include "user/ucow/ucowtest.h"

int main(void)
{
  ucow_region();
  *(volatile char *)(UCOW_BASE + 0xeef) = 0;
  printf("faultwrite: stored: not killed\n");
  exit(1);
}
