// BROKEN ON PURPOSE (fork=nofault): fork shares pages read-only exactly as
// fork/cow.c does, but there is no fault handler: every store fault kills.
// Symptom: the first store after fork kills the process. The shell still
// comes up (init's child execs it before storing), but the first command kills
// sh and its child, then init: "panic: init exiting".
#include <stddef.h>
#include "kernel/types.h"
#include "kernel/riscv.h"
#include "kernel/mm/vm.h"
#include "kernel/mm/cow.h"
#include "kernel/mm/fork.h"

int fork_copy_mm(pagetable_t parent, pagetable_t child, uint64 sz)
{
  for (uint64 va = 0; va < sz; va += PGSIZE) {
    if (cow_share(parent, child, va) != 0) {
      // Dropping the child's references leaves the parent the only owner of
      // each page again; its next store there reuses the page uncopied.
      uvmunmap(child, 0, va / PGSIZE, 1);
      return -1;
    }
  }
  return 0;
}

int fork_fault(pagetable_t pt, uint64 va)
{
  // Nobody ever makes a shared page writable again.
  (void)pt;
  (void)va;
  return -1;
}
