// BROKEN ON PURPOSE (fork=nocowbit): fork/cow.c, except that the fault
// handler never looks at PTE_COW and copies any read-only user page on a store.
// Symptom: a store into text succeeds instead of killing; text becomes writable.
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
  // Every read-only user page is taken for a copy-on-write one.
  if (pte == NULL || (*pte & PTE_W) != 0)
    return -1;
  return cow_resolve(pt, va, pte);
}
