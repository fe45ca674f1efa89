// The fixed region of the ucow test programs (ucowtest.h).
#include "kernel/types.h"
#include "kernel/riscv.h"
#include "user/user.h"
#include "user/ucow.h"
#include "user/ucow/ucowtest.h"

void ucow_region(void)
{
  uint64 end = UCOW_BASE + UCOW_PAGES * PGSIZE;
  uint64 brk = (uint64)sbrk(0);
  if (brk > UCOW_BASE || sbrk((int)(end - brk)) == (char *)-1) {
    fprintf(2, "ucow_region: cannot grow to %p\n", (void *)end);
    exit(1);
  }
  for (uint64 va = UCOW_BASE; va < end; va += PGSIZE) {
    if (page_unmap(0, va) < 0) {
      fprintf(2, "ucow_region: cannot unmap %p\n", (void *)va);
      exit(1);
    }
  }
}
