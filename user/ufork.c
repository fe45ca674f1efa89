// Fork in the user library, JOS style: an empty child from exofork, every
// present page of ours shared with it (ufork_duppage, a variant), its own
// exception stack and fault handler, then proc_start. The copy-on-write
// fault handler is here too: the kernel does no copy-on-write in this lab.
#include "kernel/types.h"
#include "kernel/riscv.h"
#include "user/user.h"
#include "user/ucow.h"
#include "user/ufork.h"

// A heap page kept unmapped, where the handler builds a private copy.
static uint64 scratch;

// A store to a copy-on-write page gets a private writable copy; any other
// fault is a real bug of the program, reported as the kernel would.
static void cow_fault(struct ufault_frame *f)
{
  uint64 va = PGROUNDDOWN(f->va);
  int perm = page_perm(0, va);
  if (f->scause != SCAUSE_STORE_PFAULT || perm <= 0 || (perm & PTE_COW) == 0) {
    fprintf(2, "ufork: pid %d: fault at %p, cause %d, pc %p: not a store to a COW page\n", getpid(),
            (void *)f->va, (int)f->scause, (void *)f->epc);
    exit(-1);
  }
  if (page_alloc(0, scratch, PTE_R | PTE_W) < 0) {
    fprintf(2, "ufork: pid %d: out of memory copying %p\n", getpid(), (void *)va);
    exit(-1);
  }
  memmove((void *)scratch, (void *)va, PGSIZE);
  if (page_map(0, scratch, 0, va, (perm & ~PTE_COW) | PTE_W) < 0 || page_unmap(0, scratch) < 0) {
    fprintf(2, "ufork: pid %d: cannot map the copy of %p\n", getpid(), (void *)va);
    exit(-1);
  }
}

__attribute__((noinline)) int ufork_map(int pid, uint64 va, int perm)
{
  return page_map(0, va, pid, va, perm);
}

int ufork(void)
{
  if (set_fault_handler(cow_fault) < 0)
    return -1;
  if (scratch == 0) {
    scratch = ufault_heap_page();
    if (scratch == 0 || page_unmap(0, scratch) < 0)
      return -1;
  }
  int child = exofork();
  if (child <= 0)
    return child; // 0: we are the child, started by our parent
  uint64 top = (uint64)sbrk(0);
  for (uint64 va = 0; va < top; va += PGSIZE) {
    if (va == ufault_xstack)
      continue;
    int perm = page_perm(0, va);
    if (perm < 0)
      goto fail;
    if (perm != 0 && ufork_duppage(child, va, perm) < 0)
      goto fail;
  }
  if (ufork_xstack(child) < 0 ||
      upcall_set(child, (uint64)ufault_entry, ufault_xstack + PGSIZE) < 0 || proc_start(child) < 0)
    goto fail;
  return child;

fail:
  // An unstarted child that is killed exits without running.
  kill(child);
  return -1;
}
