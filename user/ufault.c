// User page-fault handlers: the exception stack and the C side of the entry
// stub. The kernel wrote the frame already (kernel/ufault.h); ufault_entry.S
// calls ufault_dispatch with it and then upcall_return.
#include "kernel/types.h"
#include "kernel/riscv.h"
#include "user/user.h"
#include "user/ucow.h"

uint64 ufault_xstack;
static void (*fault_handler)(struct ufault_frame *f);

uint64 ufault_heap_page(void)
{
  uint64 brk = (uint64)sbrk(0);
  uint64 page = PGROUNDUP(brk);
  if (sbrk((int)(page - brk + PGSIZE)) == (char *)-1)
    return 0;
  return page;
}

int set_fault_handler(void (*h)(struct ufault_frame *f))
{
  if (ufault_xstack == 0) {
    uint64 page = ufault_heap_page();
    if (page == 0)
      return -1;
    ufault_xstack = page;
  }
  fault_handler = h;
  return upcall_set(0, (uint64)ufault_entry, ufault_xstack + PGSIZE);
}

void ufault_touch(void *addr, uint64 n)
{
  uint64 end = (uint64)addr + n;
  for (uint64 a = (uint64)addr; a < end; a = PGROUNDDOWN(a) + PGSIZE) {
    volatile char *c = (volatile char *)a;
    *c = *c;
  }
}

void ufault_dispatch(struct ufault_frame *f)
{
  fault_handler(f);
}

// Only a frame the kernel refuses comes back from upcall_return.
void ufault_return_failed(struct ufault_frame *f)
{
  fprintf(2, "ufault: upcall_return(%p) failed, pc %p\n", f, (void *)f->epc);
  exit(1);
}
