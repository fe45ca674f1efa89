// Unit tests of pagesize=small (pagesize/small.c), the base sibling: 4 KiB
// pages only, so a process grown over whole 2 MiB ranges has no superpage
// and no pool is kept. Run on the host.
#include <criterion/criterion.h>
#include "kernel/types.h"
#include "kernel/riscv.h"
#include "kernel/mm/kalloc.h"
#include "kernel/mm/vm.h"
#include "kernel/mm/superpool.h"
#include "kernel/mm/tests/host.h"
#include "kernel/mm/tests/superhost.h"

Test(pagesize_small, keeps_no_pool_and_maps_only_small_pages)
{
  super_arena(4);
  cr_assert_eq(superpool_nfree(), 0);
  pagetable_t pt = uvmcreate();
  cr_assert_eq(uvmalloc(pt, 0, 2 * SUPERPGSIZE, PTE_W), 2 * SUPERPGSIZE);
  for (uint64 va = 0; va < 2 * SUPERPGSIZE; va += PGSIZE)
    cr_assert_eq(leaf_level(pt, va), 0, "va %#lx", va);
  cr_assert_neq(walk(pt, 0, 0), walk(pt, PGSIZE, 0));
}
