// The handler sees the fault's address and cause, reports them and exits.
#include "kernel/types.h"
#include "user/user.h"
#include "user/ucow.h"
#include "user/ucow/ucowtest.h"

static void handler(struct ufault_frame *f)
{
  printf("faultdie: i faulted at va %p, cause %d\n", (void *)f->va, (int)f->scause);
  exit(0);
}

int main(void)
{
  ucow_region();
  if (set_fault_handler(handler) < 0) {
    printf("faultdie: set_fault_handler failed\n");
    exit(1);
  }
  *(volatile char *)(UCOW_BASE + 0xeef) = 0;
  printf("faultdie: the handler returned\n");
  exit(1);
}
