// Unit tests of superpages with pagesize=super (pagesize/super.c): the 2 MiB
// pool, growing over an aligned 2 MiB, splitting one that a shrink cuts
// through, freeing, and eager fork; run on the host.
#include <string.h>
#include <criterion/criterion.h>
#include "kernel/types.h"
#include "kernel/riscv.h"
#include "kernel/mm/kalloc.h"
#include "kernel/mm/vm.h"
#include "kernel/mm/fork.h"
#include "kernel/mm/uaccess.h"
#include "kernel/mm/superpage.h"
#include "kernel/mm/superpool.h"
#include "kernel/mm/tests/host.h"
#include "kernel/mm/tests/superhost.h"

#define SP       ((uint64)SUPERPGSIZE)
#define SPPAGES  (SP / PGSIZE)
#define NBLOCKS  10                    // arena: the first block for bookkeeping, then 9 whole ones
#define HEAP_END (3 * SP + 5 * PGSIZE) // a heap of two superpages and some pages

// A process with a page at 0 that grows to end, as sbrk grows one: the
// first 2 MiB is small pages, each whole aligned 2 MiB above is a superpage.
static pagetable_t heap(uint64 end)
{
  pagetable_t pt = uvmcreate();
  cr_assert_not_null(pt);
  cr_assert_eq(uvmalloc(pt, 0, PGSIZE, PTE_W), PGSIZE);
  cr_assert_eq(uvmalloc(pt, PGSIZE, end, PTE_W), end);
  return pt;
}

Test(superpool, keeps_half_the_whole_blocks_from_the_top)
{
  char *arena = super_arena(NBLOCKS);
  // Nine whole blocks above the bookkeeping: super keeps half, four.
  cr_assert_eq(superpool_nfree(), 4);
  for (int i = 0; i < 4; i++) {
    uint64 b = (uint64)superpool_alloc();
    cr_assert_eq(b % SP, 0, "block %#lx is not 2 MiB aligned", b);
    cr_assert_geq(b, (uint64)arena + (NBLOCKS - 4) * SP, "blocks come off the top");
    cr_assert_lt(b, (uint64)arena + NBLOCKS * SP);
  }
  cr_assert_null(superpool_alloc(), "an empty pool gives nothing");
}

Test(superpool, free_puts_a_block_back_at_the_last_reference)
{
  super_arena(NBLOCKS);
  void *b = superpool_alloc();
  cr_assert_eq(superpool_nfree(), 3);
  superpool_free(b);
  cr_assert_eq(superpool_nfree(), 4);
  cr_assert_eq(superpool_alloc(), b, "the freed block is handed out again");
}

Test(superpool, a_block_freed_twice_panics)
{
  super_arena(NBLOCKS);
  void *b = superpool_alloc();
  superpool_free(b);
  cr_assert(EXPECT_PANIC(superpool_free(b)), "a double free must panic");
}

Test(superpool, kalloc_borrows_blocks_so_every_page_is_usable)
{
  super_arena(NBLOCKS);
  uint64 total = kalloc_nfree();
  cr_assert_geq(total, 4 * SPPAGES, "the pool's blocks count as free pages");
  uint64 got = 0;
  while (kalloc() != NULL)
    got++;
  cr_assert_eq(got, total, "kalloc hands out its own pages and then the pool's");
  cr_assert_eq(superpool_nfree(), 0);
}

Test(superpage, grow_over_an_aligned_2mib_maps_one_level1_leaf)
{
  super_arena(NBLOCKS);
  pagetable_t pt = heap(HEAP_END);
  cr_assert_eq(leaf_level(pt, 0), 0, "the first, partial 2 MiB is small pages");
  cr_assert_eq(leaf_level(pt, SP), 1);
  cr_assert_eq(leaf_level(pt, 2 * SP), 1);
  cr_assert_eq(leaf_level(pt, 3 * SP), 0, "a tail shorter than 2 MiB is small pages");
  pte_t *first = walk(pt, SP, 0);
  for (uint64 va = SP; va < 2 * SP; va += PGSIZE)
    cr_assert_eq(walk(pt, va, 0), first, "va %#lx has a leaf of its own", va);
  cr_assert_eq(PTE_FLAGS(*first), PTE_V | PTE_R | PTE_W | PTE_U);
  cr_assert_eq(PTE2PA(*first) % SP, 0, "a superpage's memory is 2 MiB aligned");
  // uvm_page_pa, and so walkaddr, find each 4 KiB page inside it.
  cr_assert_eq(walkaddr(pt, SP + 7 * PGSIZE + 12), PTE2PA(*first) + 7 * PGSIZE);
  cr_assert_eq(*(uint64 *)walkaddr(pt, SP + 100 * PGSIZE), 0, "a superpage starts zeroed");
}

Test(superpage, grow_with_an_empty_pool_maps_small_pages)
{
  super_arena(NBLOCKS);
  while (superpool_alloc() != NULL)
    ;
  pagetable_t pt = uvmcreate();
  cr_assert_eq(uvmalloc(pt, 0, 2 * SP, PTE_W), 2 * SP);
  cr_assert_eq(leaf_level(pt, SP), 0);
}

Test(superpage, grow_replaces_an_empty_leaf_table)
{
  super_arena(NBLOCKS);
  pagetable_t pt = uvmcreate();
  // Small pages at [SP, SP + 4 pages), shrunk away: their leaf table stays.
  cr_assert_eq(uvmalloc(pt, 0, SP + 4 * PGSIZE, PTE_W), SP + 4 * PGSIZE);
  cr_assert_eq(uvmdealloc(pt, SP + 4 * PGSIZE, SP), SP);
  uint64 before = kalloc_nfree();
  cr_assert_eq(uvmalloc(pt, SP, 2 * SP, PTE_W), 2 * SP);
  cr_assert_eq(leaf_level(pt, SP), 1, "the empty leaf table gave way to a superpage");
  cr_assert_eq(kalloc_nfree(), before - SPPAGES + 1, "the superpage, less the freed table");
}

Test(superpage, install_refuses_a_leaf_table_in_use)
{
  super_arena(NBLOCKS);
  pagetable_t pt = uvmcreate();
  cr_assert_eq(uvmalloc(pt, 0, PGSIZE, PTE_W), PGSIZE);
  void *b = superpool_alloc();
  cr_assert_eq(superpage_install(pt, 0, (uint64)b, PTE_R | PTE_W | PTE_U), -1);
  cr_assert_eq(leaf_level(pt, 0), 0);
}

Test(superpage, shrink_into_a_superpage_splits_it_and_keeps_the_data_below)
{
  super_arena(NBLOCKS);
  pagetable_t pt = heap(HEAP_END);
  for (uint64 va = SP; va < 3 * SP; va += PGSIZE)
    *(uint64 *)walkaddr(pt, va) = va;
  uint64 free_before = kalloc_nfree();
  uint64 cut = SP + 10 * PGSIZE + 1; // the page holding cut stays
  cr_assert_eq(uvmdealloc(pt, HEAP_END, cut), cut);

  cr_assert_eq(leaf_level(pt, SP), 0, "the cut superpage is small pages now");
  for (uint64 va = SP; va < PGROUNDUP(cut); va += PGSIZE) {
    cr_assert_eq(*(uint64 *)walkaddr(pt, va), va, "va %#lx lost its data", va);
    cr_assert_eq(PTE_FLAGS(*walk(pt, va, 0)), PTE_V | PTE_R | PTE_W | PTE_U);
  }
  for (uint64 va = PGROUNDUP(cut); va < HEAP_END; va += PGSIZE)
    cr_assert_eq(walkaddr(pt, va), 0, "va %#lx is still mapped", va);
  // Back: the rest of the split superpage (a leaf table taken), the whole
  // one above it, and the five small pages of the tail.
  uint64 kept = PGROUNDUP(cut) / PGSIZE - SPPAGES;
  cr_assert_eq(kalloc_nfree(), free_before + (SPPAGES - kept) - 1 + SPPAGES + 5);
  cr_assert_eq(superpool_nfree(), 4 - 2 + 1, "the whole superpage went back to the pool");
}

Test(superpage, pages_of_a_split_superpage_free_one_at_a_time)
{
  super_arena(NBLOCKS);
  uint64 free_at_start = kalloc_nfree();
  pagetable_t pt = uvmcreate();
  cr_assert_eq(uvmalloc(pt, 0, 2 * SP, PTE_W), 2 * SP);
  cr_assert_eq(uvmdealloc(pt, 2 * SP, SP + PGSIZE), SP + PGSIZE);
  cr_assert_eq(uvmdealloc(pt, SP + PGSIZE, SP), SP);
  uvmfree(pt, SP);
  cr_assert_eq(kalloc_nfree(), free_at_start, "every page and table came back");
}

Test(superpage, split_without_a_page_for_the_table_changes_nothing)
{
  super_arena(NBLOCKS);
  pagetable_t pt = uvmcreate();
  cr_assert_eq(uvmalloc(pt, 0, 2 * SP, PTE_W), 2 * SP);
  while (kalloc() != NULL)
    ;
  cr_assert_eq(uvmdealloc(pt, 2 * SP, SP + PGSIZE), 2 * SP, "the shrink is refused");
  cr_assert_eq(leaf_level(pt, SP), 1);
}

Test(superpage, exit_returns_superpages_to_the_pool)
{
  super_arena(NBLOCKS);
  uint64 free_at_start = kalloc_nfree();
  pagetable_t pt = heap(HEAP_END);
  cr_assert_eq(superpool_nfree(), 2);
  uvmfree(pt, HEAP_END);
  cr_assert_eq(superpool_nfree(), 4);
  cr_assert_eq(kalloc_nfree(), free_at_start);
}

Test(superpage, eager_fork_gives_the_child_a_superpage_of_its_own)
{
  super_arena(NBLOCKS);
  pagetable_t parent = heap(HEAP_END);
  for (uint64 va = 0; va < HEAP_END; va += PGSIZE)
    *(uint64 *)walkaddr(parent, va) = va + 1;
  pagetable_t child = uvmcreate();
  cr_assert_eq(fork_copy_mm(parent, child, HEAP_END), 0);

  cr_assert_eq(leaf_level(child, SP), 1);
  cr_assert_neq(walkaddr(child, SP), walkaddr(parent, SP), "the superpage is shared");
  cr_assert_eq(PTE_FLAGS(*walk(child, SP, 0)), PTE_FLAGS(*walk(parent, SP, 0)));
  for (uint64 va = 0; va < HEAP_END; va += PGSIZE)
    cr_assert_eq(*(uint64 *)walkaddr(child, va), va + 1, "va %#lx", va);
  *(uint64 *)walkaddr(child, SP) = 0;
  cr_assert_eq(*(uint64 *)walkaddr(parent, SP), SP + 1, "a child store is not the parent's");
}

Test(superpage, eager_fork_with_an_empty_pool_copies_into_small_pages)
{
  super_arena(NBLOCKS);
  pagetable_t parent = uvmcreate();
  cr_assert_eq(uvmalloc(parent, 0, 2 * SP, PTE_W), 2 * SP);
  *(uint64 *)walkaddr(parent, SP + 9 * PGSIZE) = 42;
  while (superpool_alloc() != NULL)
    ;
  pagetable_t child = uvmcreate();
  cr_assert_eq(fork_copy_mm(parent, child, 2 * SP), 0);
  cr_assert_eq(leaf_level(child, SP), 0);
  cr_assert_eq(*(uint64 *)walkaddr(child, SP + 9 * PGSIZE), 42);
  cr_assert_eq(PTE_FLAGS(*walk(child, SP, 0)), PTE_V | PTE_R | PTE_W | PTE_U);
}

Test(superpage, copyout_and_copyin_reach_the_right_page_of_a_superpage)
{
  super_arena(NBLOCKS);
  pagetable_t pt = heap(HEAP_END);
  uint64 va = SP + 5 * PGSIZE + 8; // the sixth page of the first superpage
  char msg[] = "in the middle";
  cr_assert_eq(copyout(pt, va, msg, sizeof(msg)), 0);
  cr_assert_str_eq((char *)walkaddr(pt, va) + 8, msg);
  cr_assert_str_neq((char *)(PTE2PA(*walk(pt, SP, 0)) + 8), msg, "not the superpage's first page");
  // Across the boundary between two of its pages, both ways.
  uint64 edge = SP + 9 * PGSIZE - 4;
  cr_assert_eq(copyout(pt, edge, msg, sizeof(msg)), 0);
  char back[sizeof(msg)];
  cr_assert_eq(copyin(pt, back, edge, sizeof(msg)), 0);
  cr_assert_str_eq(back, msg);
  cr_assert_eq(*(char *)walkaddr(pt, SP + 9 * PGSIZE), msg[4]);
}
