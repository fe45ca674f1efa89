// How the walking siblings (simulate.c, unaware.c) reach a user page once
// their policy allowed it: through its physical address, which the kernel
// maps one to one (mm/kvm.c). So a copy is a memmove and never faults.
#include "kernel/types.h"
#include "kernel/riscv.h"
#include "kernel/lib/string.h"
#include "kernel/mm/uaccess.h"
#include "kernel/mm/uaccess/walk.h"

int uaccess_begin(pagetable_t pt, uint64 va, uint64 len)
{
  // Nothing to switch: every page is reached on its own, through the policy.
  (void)pt;
  (void)va;
  (void)len;
  return 0;
}

void uaccess_end(void)
{
}

int uaccess_put(uint64 addr, const char *src, uint64 n)
{
  memmove((void *)addr, src, n);
  return 0;
}

int uaccess_get(char *dst, uint64 addr, uint64 n)
{
  memmove(dst, (const void *)addr, n);
  return 0;
}

int uaccess_kernel_fault(uint64 scause, uint64 stval, uint64 *epc)
{
  // These variants never touch a user address directly, so a page fault in
  // the kernel is always a kernel bug.
  (void)scause;
  (void)stval;
  (void)epc;
  return -1;
}
