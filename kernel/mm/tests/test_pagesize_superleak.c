// Unit test of the broken-on-purpose pagesize=superleak
// (pagesize/superleak.c): it must show its symptom, a superpage freed as
// one 4 KiB page, so that 511 pages never come back. Run on the host.
#include <criterion/criterion.h>
#include "kernel/types.h"
#include "kernel/riscv.h"
#include "kernel/mm/kalloc.h"
#include "kernel/mm/vm.h"
#include "kernel/mm/superpool.h"
#include "kernel/mm/tests/host.h"
#include "kernel/mm/tests/superhost.h"

Test(pagesize_superleak, freeing_a_superpage_loses_511_pages)
{
  super_arena(10);
  uint64 before = kalloc_nfree();
  pagetable_t pt = uvmcreate();
  cr_assert_eq(uvmalloc(pt, 0, SUPERPGSIZE, PTE_W), SUPERPGSIZE);
  cr_assert_eq(leaf_level(pt, 0), 1);
  uvmfree(pt, SUPERPGSIZE);
  cr_assert_eq(kalloc_nfree(), before - (SUPERPGSIZE / PGSIZE - 1));
}
