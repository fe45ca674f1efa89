// Unit tests of the page-table code (vm.c), run on the host: page-table
// pages and user pages come from an arena handed to kalloc.
#include <criterion/criterion.h>
#include "kernel/types.h"
#include "kernel/riscv.h"
#include "kernel/memlayout.h"
#include "kernel/mm/kalloc.h"
#include "kernel/mm/vm.h"
#include "kernel/mm/tests/host.h"

#define NPAGES 64

// A page from kalloc, as the physical address mappages wants.
static uint64 page(void)
{
  void *p = kalloc();
  cr_assert_not_null(p, "arena exhausted");
  return (uint64)p;
}

Test(vm, walk_allocates_three_levels)
{
  host_arena(NPAGES);
  pagetable_t pt = uvmcreate();
  uint64 before = kalloc_nfree();

  pte_t *pte = walk(pt, 0x12345000, 1);
  cr_assert_not_null(pte);
  cr_assert_eq(*pte, 0, "a fresh leaf PTE is empty");
  cr_assert_eq(kalloc_nfree(), before - 2, "a level-1 and a level-0 table under the root");
  pte_t top = pt[PX(2, 0x12345000)];
  cr_assert(top & PTE_V);
  cr_assert_eq(top & (PTE_R | PTE_W | PTE_X), 0, "an interior PTE is not a leaf");

  cr_assert_eq(walk(pt, 0x12345000, 1), pte, "a second walk finds the same PTE");
  cr_assert_eq(kalloc_nfree(), before - 2, "and allocates nothing more");
}

Test(vm, walk_without_alloc_finds_nothing_unmapped)
{
  host_arena(NPAGES);
  pagetable_t pt = uvmcreate();
  uint64 before = kalloc_nfree();
  cr_assert_null(walk(pt, 0x4000, 0));
  cr_assert_eq(kalloc_nfree(), before);
}

Test(vm, walk_rejects_va_at_maxva)
{
  host_arena(NPAGES);
  pagetable_t pt = uvmcreate();
  uint64 before = kalloc_nfree();
  cr_assert_null(walk(pt, MAXVA, 1));
  cr_assert_null(walk(pt, ~0UL, 1));
  cr_assert_eq(kalloc_nfree(), before);
  cr_assert_not_null(walk(pt, MAXVA - 1, 1), "the last page below MAXVA is walkable");
}

Test(vm, mappages_then_walkaddr_finds_page)
{
  host_arena(NPAGES);
  pagetable_t pt = uvmcreate();
  uint64 pa = page();
  cr_assert_eq(mappages(pt, 0x7000, PGSIZE, pa, PTE_R | PTE_W | PTE_U), 0);
  cr_assert_eq(walkaddr(pt, 0x7000), pa);
  cr_assert_eq(walkaddr(pt, 0x7fff), pa, "any address in the page finds it");
  cr_assert_eq(walkaddr(pt, 0x8000), 0, "the next page is not mapped");
  pte_t *pte = walk(pt, 0x7000, 0);
  cr_assert_eq(PTE_FLAGS(*pte), PTE_V | PTE_R | PTE_W | PTE_U);
}

Test(vm, walkaddr_ignores_kernel_only_page)
{
  host_arena(NPAGES);
  pagetable_t pt = uvmcreate();
  cr_assert_eq(mappages(pt, 0x3000, PGSIZE, page(), PTE_R | PTE_W), 0);
  cr_assert_eq(walkaddr(pt, 0x3000), 0, "a page without PTE_U is not a user page");
  cr_assert_eq(walkaddr(pt, MAXVA), 0);
  cr_assert_eq(walkaddr(pt, ~0UL), 0);
}

Test(vm, uvm_user_pte_is_the_pte_of_a_valid_user_page_only)
{
  host_arena(NPAGES);
  pagetable_t pt = uvmcreate();
  cr_assert_eq(mappages(pt, 0x2000, PGSIZE, page(), PTE_R | PTE_U), 0);
  cr_assert_eq(mappages(pt, 0x3000, PGSIZE, page(), PTE_R | PTE_W), 0);
  cr_assert_eq(uvm_user_pte(pt, 0x2fff), walk(pt, 0x2000, 0), "the PTE itself, for any byte");
  cr_assert_null(uvm_user_pte(pt, 0x3000), "a page without PTE_U is not a user page");
  cr_assert_null(uvm_user_pte(pt, 0x4000), "unmapped");
  cr_assert_null(uvm_user_pte(pt, MAXVA), "beyond the address space");
  cr_assert_null(uvm_user_pte(pt, ~0UL));
}

Test(vm, mappages_maps_a_range_contiguously)
{
  host_arena(NPAGES);
  pagetable_t pt = uvmcreate();
  char *a = kalloc(), *b = kalloc();
  cr_assert_eq(b, a - PGSIZE, "the free list hands out pages top down");
  cr_assert_eq(mappages(pt, 0x10000, 2 * PGSIZE, (uint64)b, PTE_R | PTE_U), 0);
  cr_assert_eq(walkaddr(pt, 0x10000), (uint64)b);
  cr_assert_eq(walkaddr(pt, 0x11000), (uint64)a);
}

Test(vm, mappages_panics_on_remap)
{
  host_arena(NPAGES);
  pagetable_t pt = uvmcreate();
  uint64 pa = page();
  cr_assert_eq(mappages(pt, 0x5000, PGSIZE, pa, PTE_R | PTE_U), 0);
  cr_assert(EXPECT_PANIC(mappages(pt, 0x5000, PGSIZE, page(), PTE_R | PTE_U)));
  cr_assert_eq(walkaddr(pt, 0x5000), pa, "the first mapping survives");
}

Test(vm, mappages_out_of_memory_returns_error)
{
  host_arena(NPAGES);
  pagetable_t pt = uvmcreate();
  while (kalloc() != NULL)
    ;
  cr_assert_eq(mappages(pt, 0x5000, PGSIZE, 0x1000, PTE_R | PTE_U), -1);
  cr_assert_null(walk(pt, 0x5000, 0));
}

Test(vm, uvmunmap_frees_pages)
{
  host_arena(NPAGES);
  pagetable_t pt = uvmcreate();
  cr_assert_eq(mappages(pt, 0, PGSIZE, page(), PTE_R | PTE_U), 0);
  cr_assert_eq(mappages(pt, PGSIZE, PGSIZE, page(), PTE_R | PTE_U), 0);
  uint64 before = kalloc_nfree();

  uvmunmap(pt, 0, 2, 1);
  cr_assert_eq(kalloc_nfree(), before + 2);
  cr_assert_eq(walkaddr(pt, 0), 0);
  cr_assert_eq(walkaddr(pt, PGSIZE), 0);
  cr_assert_eq(*walk(pt, 0, 0), 0, "the PTE is cleared");
}

Test(vm, uvmunmap_without_free_keeps_pages)
{
  host_arena(NPAGES);
  pagetable_t pt = uvmcreate();
  cr_assert_eq(mappages(pt, 0, PGSIZE, page(), PTE_R | PTE_U), 0);
  uint64 before = kalloc_nfree();
  uvmunmap(pt, 0, 1, 0);
  cr_assert_eq(kalloc_nfree(), before);
  cr_assert_eq(walkaddr(pt, 0), 0);
}

// The ucow page calls leave holes in [0, sz) (proc/syspage.c), so freeing
// a range skips them and frees the pages around them.
Test(vm, uvmunmap_skips_holes)
{
  host_arena(NPAGES);
  pagetable_t pt = uvmcreate();
  cr_assert_eq(mappages(pt, 0, PGSIZE, page(), PTE_R | PTE_U), 0);
  cr_assert_eq(mappages(pt, 2 * PGSIZE, PGSIZE, page(), PTE_R | PTE_U), 0);
  uint64 before = kalloc_nfree();
  uvmunmap(pt, 0, 3, 1);
  cr_assert_eq(kalloc_nfree(), before + 2, "both pages around the hole are freed");
  cr_assert_eq(walkaddr(pt, 2 * PGSIZE), 0);
}

Test(vm, uvmalloc_zero_fills_and_maps_user_rw)
{
  host_arena(NPAGES);
  pagetable_t pt = uvmcreate();
  cr_assert_eq(uvmalloc(pt, 0, 3 * PGSIZE + 10, PTE_W), 3 * PGSIZE + 10);
  for (uint64 va = 0; va < 4 * PGSIZE; va += PGSIZE) {
    pte_t *pte = walk(pt, va, 0);
    cr_assert_not_null(pte);
    cr_assert_eq(PTE_FLAGS(*pte), PTE_V | PTE_R | PTE_W | PTE_U, "va %#lx", va);
    unsigned char *mem = (unsigned char *)PTE2PA(*pte);
    for (int i = 0; i < PGSIZE; i++)
      cr_assert_eq(mem[i], 0, "va %#lx byte %d not zeroed", va, i);
  }
  pte_t *past = walk(pt, 4 * PGSIZE, 0);
  cr_assert(past == NULL || *past == 0, "nothing past the new size");
}

Test(vm, uvmalloc_text_is_not_writable)
{
  host_arena(NPAGES);
  pagetable_t pt = uvmcreate();
  cr_assert_eq(uvmalloc(pt, 0, PGSIZE, PTE_X), PGSIZE);
  cr_assert_eq(PTE_FLAGS(*walk(pt, 0, 0)), PTE_V | PTE_R | PTE_X | PTE_U);
}

Test(vm, uvmalloc_grows_from_a_partial_page)
{
  host_arena(NPAGES);
  pagetable_t pt = uvmcreate();
  cr_assert_eq(uvmalloc(pt, 0, 100, PTE_W), 100);
  uint64 first = walkaddr(pt, 0);
  cr_assert_eq(uvmalloc(pt, 100, PGSIZE + 1, PTE_W), PGSIZE + 1);
  cr_assert_eq(walkaddr(pt, 0), first, "the page holding oldsz is kept");
  cr_assert_neq(walkaddr(pt, PGSIZE), 0);
}

Test(vm, uvmalloc_failure_leaks_nothing)
{
  host_arena(NPAGES);
  uint64 start = kalloc_nfree();
  pagetable_t pt = uvmcreate();
  cr_assert_eq(uvmalloc(pt, 0, 2 * PGSIZE, PTE_W), 2 * PGSIZE);
  uint64 before = kalloc_nfree();

  cr_assert_eq(uvmalloc(pt, 2 * PGSIZE, (NPAGES + 1) * PGSIZE, PTE_W), 0,
               "more pages than the arena holds");
  cr_assert_neq(walkaddr(pt, PGSIZE), 0, "the old memory is still mapped");
  for (uint64 va = 2 * PGSIZE; va < (NPAGES + 1) * PGSIZE; va += PGSIZE) {
    pte_t *pte = walk(pt, va, 0);
    cr_assert(pte == NULL || *pte == 0, "the partial grow was undone at %#lx", va);
  }
  cr_assert_eq(kalloc_nfree(), before, "every page of the partial grow is back");

  uvmfree(pt, 2 * PGSIZE);
  cr_assert_eq(kalloc_nfree(), start, "every page is back after uvmfree");
}

Test(vm, uvmalloc_refuses_growth_into_trapframe)
{
  host_arena(NPAGES);
  pagetable_t pt = uvmcreate();
  uint64 before = kalloc_nfree();
  cr_assert_eq(uvmalloc(pt, TRAPFRAME - PGSIZE, TRAPFRAME + PGSIZE, PTE_W), 0);
  cr_assert_eq(kalloc_nfree(), before);
}

Test(vm, uvmdealloc_frees_to_new_size)
{
  host_arena(NPAGES);
  pagetable_t pt = uvmcreate();
  cr_assert_eq(uvmalloc(pt, 0, 4 * PGSIZE, PTE_W), 4 * PGSIZE);
  uint64 before = kalloc_nfree();

  cr_assert_eq(uvmdealloc(pt, 4 * PGSIZE, PGSIZE + 1), PGSIZE + 1);
  cr_assert_eq(kalloc_nfree(), before + 2, "pages 2 and 3 freed");
  cr_assert_neq(walkaddr(pt, PGSIZE), 0, "the page holding the new end stays");
  cr_assert_eq(walkaddr(pt, 2 * PGSIZE), 0);
  cr_assert_eq(walkaddr(pt, 3 * PGSIZE), 0);
  cr_assert_eq(uvmdealloc(pt, PGSIZE, 2 * PGSIZE), PGSIZE, "growing is not its job");
}

Test(vm, uvmfree_returns_every_page)
{
  host_arena(NPAGES);
  uint64 before = kalloc_nfree();
  pagetable_t pt = uvmcreate();
  cr_assert_eq(uvmalloc(pt, 0, 5 * PGSIZE, PTE_W), 5 * PGSIZE);
  // A mapping far away needs page-table pages of its own.
  cr_assert_eq(mappages(pt, TRAPFRAME, PGSIZE, page(), PTE_R | PTE_W), 0);
  uvmunmap(pt, TRAPFRAME, 1, 1);

  uvmfree(pt, 5 * PGSIZE);
  cr_assert_eq(kalloc_nfree(), before);
}

Test(vm, freewalk_panics_on_leftover_leaf)
{
  host_arena(NPAGES);
  pagetable_t pt = uvmcreate();
  cr_assert_eq(uvmalloc(pt, 0, PGSIZE, PTE_W), PGSIZE);
  cr_assert(EXPECT_PANIC(freewalk(pt)));
}

Test(vm, uvmclear_removes_user_access)
{
  host_arena(NPAGES);
  pagetable_t pt = uvmcreate();
  cr_assert_eq(uvmalloc(pt, 0, 2 * PGSIZE, PTE_W), 2 * PGSIZE);
  uvmclear(pt, 0);
  cr_assert_eq(walkaddr(pt, 0), 0, "the guard page is not a user page");
  cr_assert_eq(PTE_FLAGS(*walk(pt, 0, 0)), PTE_V | PTE_R | PTE_W, "but stays mapped");
  cr_assert_neq(walkaddr(pt, PGSIZE), 0);
}
