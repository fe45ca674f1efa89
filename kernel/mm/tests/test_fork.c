// Unit tests of the eager fork policy (fork/eager.c), run on the host.
#include <string.h>
#include <criterion/criterion.h>
#include "kernel/types.h"
#include "kernel/riscv.h"
#include "kernel/mm/kalloc.h"
#include "kernel/mm/vm.h"
#include "kernel/mm/fork.h"
#include "kernel/mm/tests/host.h"

#define NPAGES 64

// A parent shaped like an exec'd process: a text page (R|X), a data page
// (R|W), a guard page without PTE_U, and a stack page. Each user page is
// filled with a byte of its own.
static pagetable_t make_parent(void)
{
  pagetable_t pt = uvmcreate();
  cr_assert_not_null(pt);
  cr_assert_eq(uvmalloc(pt, 0, PGSIZE, PTE_X), PGSIZE);
  cr_assert_eq(uvmalloc(pt, PGSIZE, 4 * PGSIZE, PTE_W), 4 * PGSIZE);
  uvmclear(pt, 2 * PGSIZE);
  for (uint64 va = 0; va < 4 * PGSIZE; va += PGSIZE)
    memset((void *)PTE2PA(*walk(pt, va, 0)), 'a' + va / PGSIZE, PGSIZE);
  return pt;
}

static unsigned char *page_of(pagetable_t pt, uint64 va)
{
  pte_t *pte = walk(pt, va, 0);
  cr_assert(pte != NULL && (*pte & PTE_V), "va %#lx not mapped", va);
  return (unsigned char *)PTE2PA(*pte);
}

Test(fork, eager_fork_gives_child_private_copy)
{
  host_arena(NPAGES);
  pagetable_t parent = make_parent();
  pagetable_t child = uvmcreate();
  cr_assert_eq(fork_copy_mm(parent, child, 4 * PGSIZE), 0);

  for (uint64 va = 0; va < 4 * PGSIZE; va += PGSIZE) {
    cr_assert_neq(page_of(child, va), page_of(parent, va), "va %#lx is shared", va);
    cr_assert_eq(memcmp(page_of(child, va), page_of(parent, va), PGSIZE), 0);
  }
  page_of(child, 3 * PGSIZE)[0] = 'z';
  cr_assert_eq(page_of(parent, 3 * PGSIZE)[0], 'd', "a child store is not seen by the parent");
}

Test(fork, eager_fork_keeps_permissions)
{
  host_arena(NPAGES);
  pagetable_t parent = make_parent();
  pagetable_t child = uvmcreate();
  cr_assert_eq(fork_copy_mm(parent, child, 4 * PGSIZE), 0);
  cr_assert_eq(PTE_FLAGS(*walk(child, 0, 0)), PTE_V | PTE_R | PTE_X | PTE_U, "text stays R|X");
  cr_assert_eq(PTE_FLAGS(*walk(child, PGSIZE, 0)), PTE_V | PTE_R | PTE_W | PTE_U);
}

Test(fork, eager_fork_keeps_guard_page_unmapped_for_user)
{
  host_arena(NPAGES);
  pagetable_t parent = make_parent();
  pagetable_t child = uvmcreate();
  cr_assert_eq(fork_copy_mm(parent, child, 4 * PGSIZE), 0);
  cr_assert_eq(walkaddr(child, 2 * PGSIZE), 0, "the child's guard page is not a user page");
  cr_assert_eq(*walk(child, 2 * PGSIZE, 0) & PTE_U, 0);
}

Test(fork, eager_fork_failure_frees_partial_copy)
{
  host_arena(NPAGES);
  pagetable_t parent = make_parent();
  uint64 before = kalloc_nfree();
  pagetable_t child = uvmcreate();
  // Leave room for the child's root, its two lower tables and two pages.
  void *hog[NPAGES];
  int n = 0;
  while (kalloc_nfree() > 4)
    hog[n++] = kalloc();

  cr_assert_eq(fork_copy_mm(parent, child, 4 * PGSIZE), -1);
  for (uint64 va = 0; va < 4 * PGSIZE; va += PGSIZE) {
    pte_t *pte = walk(child, va, 0);
    cr_assert(pte == NULL || *pte == 0, "va %#lx left mapped in the child", va);
  }
  freewalk(child);
  while (n > 0)
    kfree(hog[--n]);
  cr_assert_eq(kalloc_nfree(), before, "every page of the failed copy is back");
}

Test(fork, eager_fork_fault_always_refuses)
{
  host_arena(NPAGES);
  pagetable_t parent = make_parent();
  cr_assert_eq(host_store_fault(parent, 0), -1, "a store to text is a real fault");
  cr_assert_eq(host_store_fault(parent, PGSIZE), -1);
  cr_assert_eq(PTE_FLAGS(*walk(parent, 0, 0)), PTE_V | PTE_R | PTE_X | PTE_U,
               "and changes nothing");
}
