// Copy-on-write fork: parent and child share every page at fork time, and a
// store to a shared page copies it then (mm/cow.c). Policy: only a page that
// fork marked PTE_COW is fork's business; any other store fault is real.
#include <stddef.h>
#include "kernel/types.h"
#include "kernel/riscv.h"
#include "kernel/mm/cow.h"
#include "kernel/mm/fork.h"

int fork_copy_mm(pagetable_t parent, pagetable_t child, uint64 sz)
{
  return cow_share_range(parent, child, sz);
}

int fork_fault(pagetable_t pt, uint64 va, pte_t *pte)
{
  // A store to text, or to any page fork did not share, must kill.
  if (pte == NULL || (*pte & PTE_COW) == 0)
    return -1;
  return cow_resolve(pt, va, pte);
}
