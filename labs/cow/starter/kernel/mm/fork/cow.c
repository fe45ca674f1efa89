// Copy-on-write fork, the cow lab's starter: parent and child are to share
// every page at fork time, and a store to a shared page is to copy it then
// (kernel/mm/cow.c). This file is yours to write (labs/cow/handout). Until
// then it forks eagerly, as fork/eager.c does, so the shell and every check
// that does not need sharing keep working while you build the mechanism.
#include <stddef.h>
#include "kernel/types.h"
#include "kernel/riscv.h"
#include "kernel/lib/printf.h"
#include "kernel/lib/string.h"
#include "kernel/mm/kalloc.h"
#include "kernel/mm/vm.h"
#include "kernel/mm/cow.h"
#include "kernel/mm/fork.h"

// TODO: share [0, sz) with the child instead of copying it; the mechanism
// is cow_share_range() in kernel/mm/cow.h, which you write too. The eager
// copy below is the base lab's; delete it once sharing works.
int fork_copy_mm(pagetable_t parent, pagetable_t child, uint64 sz)
{
  for (uint64 va = 0; va < sz; va += PGSIZE) {
    pte_t *pte = walk(parent, va, 0);
    if (pte == NULL || (*pte & PTE_V) == 0)
      panic("fork_copy_mm: parent page not mapped");
    char *mem = kalloc();
    if (mem == NULL) {
      uvmunmap(child, 0, va / PGSIZE, 1);
      return -1;
    }
    memmove(mem, (char *)PTE2PA(*pte), PGSIZE);
    if (mappages(child, va, PGSIZE, (uint64)mem, PTE_FLAGS(*pte)) != 0) {
      kfree(mem);
      uvmunmap(child, 0, va / PGSIZE, 1);
      return -1;
    }
  }
  return 0;
}

// TODO: fork_fault as kernel/mm/fork.h states it: which store faults does
// this fork policy own? Where to look: kernel/mm/cow.h. A store to text, or
// to any page fork did not share, is a real violation.
int fork_fault(pagetable_t pt, uint64 va, pte_t *pte)
{
  (void)pt;
  (void)va;
  (void)pte;
  return -1;
}
