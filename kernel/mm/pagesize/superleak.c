// BROKEN ON PURPOSE (pagesize=superleak): pagesize/super.c, except that an
// unmapped superpage is freed as if it were one 4 KiB page: kfree takes its
// first page and the other 511 are never free again.
// Symptom: every superpage a process drops loses 2 MiB less 4 KiB; free
// memory after a big sbrk and exit is lower than before, and enough runs
// exhaust the machine.
#include <stddef.h>
#include "kernel/types.h"
#include "kernel/riscv.h"
#include "kernel/lib/string.h"
#include "kernel/mm/kalloc.h"
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
  void *block = superpool_alloc();
  if (block == NULL)
    return superpage_copy_small(pa, PTE_FLAGS(*pte), child, va);
  memmove(block, (void *)pa, SUPERPGSIZE);
  if (superpage_install(child, va, (uint64)block, PTE_FLAGS(*pte) & ~PTE_V) != 0) {
    superpool_free(block);
    return -1;
  }
  return 0;
}

void pagesize_unmap(pte_t *pte, int do_free)
{
  if (do_free)
    kfree((void *)PTE2PA(*pte));
  *pte = 0;
}
