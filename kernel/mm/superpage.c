// Superpage table operations (superpage.h): installing a level-1 leaf,
// splitting one into a leaf table of small pages, and copying one into small
// pages. Pure logic over kalloc'd pages, so it compiles on the host.
#include <stddef.h>
#include "kernel/types.h"
#include "kernel/riscv.h"
#include "kernel/lib/string.h"
#include "kernel/mm/kalloc.h"
#include "kernel/mm/refcount.h"
#include "kernel/mm/vm.h"
#include "kernel/mm/superpage.h"

#define SUPERPG_PAGES (SUPERPGSIZE / PGSIZE) // small pages in a superpage

// The level-1 entry for va, allocating the level-1 table if need be, or NULL
// (no page, or a leaf on level 2, which rvlab never makes).
static pte_t *level1_slot(pagetable_t pt, uint64 va)
{
  pte_t *top = &pt[PX(2, va)];
  if ((*top & PTE_V) == 0) {
    pagetable_t l1 = pagetable_alloc();
    if (l1 == NULL)
      return NULL;
    *top = PA2PTE(l1) | PTE_V;
  }
  if (*top & PTE_LEAF_BITS)
    return NULL;
  return &((pagetable_t)PTE2PA(*top))[PX(1, va)];
}

static int table_empty(pagetable_t t)
{
  for (int i = 0; i < 512; i++)
    if (t[i] != 0)
      return 0;
  return 1;
}

int superpage_install(pagetable_t pt, uint64 va, uint64 pa, int perm)
{
  pte_t *slot = level1_slot(pt, va);
  if (slot == NULL)
    return -1;
  if (*slot & PTE_V) {
    // A leaf table left empty by an earlier shrink (page-table pages stay
    // until exit) gives way; one that still maps something does not.
    pagetable_t t = (pagetable_t)PTE2PA(*slot);
    if ((*slot & PTE_LEAF_BITS) || !table_empty(t))
      return -1;
    kfree(t);
  }
  *slot = PA2PTE(pa) | perm | PTE_V;
  return 0;
}

int superpage_split(pagetable_t pt, uint64 va)
{
  int level;
  pte_t *pte = walk_level(pt, va, &level);
  if (pte == NULL || level == 0 || (*pte & PTE_V) == 0)
    return 0;
  pagetable_t t = pagetable_alloc();
  if (t == NULL)
    return -1;
  uint64 pa = PTE2PA(*pte);
  uint64 flags = PTE_FLAGS(*pte);
  for (uint64 i = 0; i < SUPERPG_PAGES; i++) {
    t[i] = PA2PTE(pa + i * PGSIZE) | flags;
    // The first page already holds the superpage's count; the others get
    // the count kalloc would have given them.
    if (i > 0)
      refcount_new(pa + i * PGSIZE);
  }
  *pte = PA2PTE(t) | PTE_V;
  return 0;
}

int superpage_copy_small(uint64 pa, uint64 flags, pagetable_t pt, uint64 va)
{
  for (uint64 i = 0; i < SUPERPG_PAGES; i++) {
    void *mem = kalloc();
    if (mem == NULL || mappages(pt, va + i * PGSIZE, PGSIZE, (uint64)mem, flags & ~PTE_V) != 0) {
      if (mem != NULL)
        kfree(mem);
      uvmunmap(pt, va, i, 1);
      return -1;
    }
    memmove(mem, (void *)(pa + i * PGSIZE), PGSIZE);
  }
  return 0;
}
