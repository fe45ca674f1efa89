// BROKEN ON PURPOSE (pagesize=supershare): pagesize/super.c, except that fork
// maps the parent's superpage into the child, writable, instead of copying
// it (its reference count keeps the block until both let go).
// Symptom: a child's store to its heap shows in its parent's, and the
// parent's in the child's: fork no longer isolates big heaps.
#include <stddef.h>
#include "kernel/types.h"
#include "kernel/riscv.h"
#include "kernel/lib/string.h"
#include "kernel/mm/refcount.h"
#include "kernel/mm/superpage.h"
#include "kernel/mm/superpool.h"
#include "kernel/mm/pagesize.h"

uint64 pagesize_pool_blocks(uint64 nblocks)
{
  return nblocks / 2;
}

int pagesize_grow(pagetable_t pt, uint64 va, int perm)
{
  void *block = superpool_alloc();
  if (block == NULL)
    return -1;
  memset(block, 0, SUPERPGSIZE);
  if (superpage_install(pt, va, (uint64)block, perm) != 0) {
    superpool_free(block);
    return -1;
  }
  return 0;
}

int pagesize_fork(const pte_t *pte, pagetable_t child, uint64 va)
{
  uint64 pa = PTE2PA(*pte);
  if (superpage_install(child, va, pa, PTE_FLAGS(*pte) & ~PTE_V) != 0)
    return -1;
  refcount_inc(pa);
  return 0;
}

void pagesize_unmap(pte_t *pte, int do_free)
{
  if (do_free)
    superpool_free((void *)PTE2PA(*pte));
  *pte = 0;
}
