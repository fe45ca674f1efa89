// Superpage table operations (superpage.h): installing a level-1 leaf,
// splitting one into a leaf table of small pages, and copying one into small
// pages. Pure logic over kalloc'd pages, so it compiles on the host.
//
// STARTER: none of the three is written. kernel/mm/superpage.h says what
// each must do; kernel/mm/tests/test_superpage.c checks them on the host
// (meson test -C build mm_superpage).
#include <stddef.h>
#include "kernel/types.h"
#include "kernel/riscv.h"
#include "kernel/lib/string.h"
#include "kernel/mm/kalloc.h"
#include "kernel/mm/refcount.h"
#include "kernel/mm/vm.h"
#include "kernel/mm/superpage.h"

int superpage_install(pagetable_t pt, uint64 va, uint64 pa, int perm)
{
  // TODO: a leaf in va's level-1 slot (a level-1 table may have to be made
  // first; an empty leaf table there gives way).
  (void)pt;
  (void)va;
  (void)pa;
  (void)perm;
  return -1;
}

int superpage_split(pagetable_t pt, uint64 va)
{
  int level;
  pte_t *pte = walk_level(pt, va, &level);
  if (pte == NULL || level == 0 || (*pte & PTE_V) == 0)
    return 0; // no superpage maps va: nothing to split
  // TODO: a new leaf table whose 512 entries map the superpage's pages;
  // mind each page's reference count.
  return -1;
}

int superpage_copy_small(uint64 pa, uint64 flags, pagetable_t pt, uint64 va)
{
  // TODO: 512 fresh small pages, copied from the superpage at pa.
  (void)pa;
  (void)flags;
  (void)pt;
  (void)va;
  return -1;
}
