// Unit test of the broken-on-purpose pagesize=supershare
// (pagesize/supershare.c): it must show its symptom, a child that shares
// its parent's superpage writable, so each sees the other's stores. Run on
// the host with eager fork.
#include <criterion/criterion.h>
#include "kernel/types.h"
#include "kernel/riscv.h"
#include "kernel/mm/kalloc.h"
#include "kernel/mm/vm.h"
#include "kernel/mm/fork.h"
#include "kernel/mm/superpool.h"
#include "kernel/mm/tests/host.h"
#include "kernel/mm/tests/superhost.h"

Test(pagesize_supershare, fork_shares_the_superpage_writable)
{
  super_arena(10);
  pagetable_t parent = uvmcreate();
  cr_assert_eq(uvmalloc(parent, 0, SUPERPGSIZE, PTE_W), SUPERPGSIZE);
  pagetable_t child = uvmcreate();
  cr_assert_eq(fork_copy_mm(parent, child, SUPERPGSIZE), 0);
  cr_assert_eq(walkaddr(child, 0), walkaddr(parent, 0), "one block for both");
  cr_assert(*walk(child, 0, 0) & PTE_W);
  *(uint64 *)walkaddr(child, 0) = 7;
  cr_assert_eq(*(uint64 *)walkaddr(parent, 0), 7, "the child's store shows in the parent");
  // The count on the block keeps it until the second owner lets go.
  uint64 pool = superpool_nfree();
  uvmfree(child, SUPERPGSIZE);
  cr_assert_eq(superpool_nfree(), pool);
  uvmfree(parent, SUPERPGSIZE);
  cr_assert_eq(superpool_nfree(), pool + 1);
}
