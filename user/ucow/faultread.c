// No handler: a load from an unmapped page kills the process, and the
// kernel's line names the address.
#include "kernel/types.h"
#include "user/user.h"
#include "user/ucow/ucowtest.h"

int main(void)
{
  ucow_region();
  volatile char *p = (volatile char *)(UCOW_BASE + 0xeef);
  printf("faultread: read %d: not killed\n", *p);
  exit(1);
}
