// Unit tests of the physical page allocator (kalloc.c), run on the host with
// an arena of pages standing in for RAM.
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <criterion/criterion.h>
#include "kernel/types.h"
#include "kernel/riscv.h"
#include "kernel/mm/kalloc.h"
#include "kernel/mm/refcount.h"
#include "kernel/mm/tests/host.h"

#define NPAGES 16

Test(kalloc, kalloc_hands_out_each_page_once)
{
  char *arena = host_arena(NPAGES);
  char *got[NPAGES];

  cr_assert_eq(kalloc_nfree(), NPAGES);
  for (int i = 0; i < NPAGES; i++) {
    got[i] = kalloc();
    cr_assert_not_null(got[i], "page %d of %d", i, NPAGES);
    cr_assert_eq((uintptr_t)got[i] % PGSIZE, 0, "page not aligned");
    cr_assert(got[i] >= arena && got[i] < arena + NPAGES * PGSIZE, "page outside the arena");
    for (int j = 0; j < i; j++)
      cr_assert_neq(got[i], got[j], "page handed out twice");
  }
  cr_assert_null(kalloc(), "allocator handed out more pages than it was given");
  cr_assert_eq(kalloc_nfree(), 0);
}

Test(kalloc, kfree_then_kalloc_reuses)
{
  host_arena(NPAGES);
  void *p = kalloc();
  kfree(p);
  cr_assert_eq(kalloc_nfree(), NPAGES);
  cr_assert_eq(kalloc(), p, "the page just freed is the next one handed out");
}

Test(kalloc, kalloc_fills_page_with_junk)
{
  host_arena(NPAGES);
  unsigned char *p = kalloc();
  for (int i = 0; i < PGSIZE; i++)
    cr_assert_eq(p[i], 0x05, "byte %d is %#x", i, p[i]);
}

Test(kalloc, kfree_fills_page_with_junk)
{
  host_arena(NPAGES);
  unsigned char *p = kalloc();
  kfree(p);
  // The first word holds the free-list link; the rest is junk.
  for (int i = sizeof(void *); i < PGSIZE; i++)
    cr_assert_eq(p[i], 0x01, "byte %d is %#x", i, p[i]);
}

Test(kalloc, kalloc_init_rounds_start_up_to_a_page)
{
  // Whatever the reference counts and the free list's bitmap take at the
  // front (refcount.h; the cow lab's starter takes nothing), a start one
  // byte past a page boundary costs exactly that partial page, and no page
  // handed out overlaps it.
  char *arena = aligned_alloc(PGSIZE, NPAGES * PGSIZE);
  kalloc_init(arena, arena + NPAGES * PGSIZE);
  uint64 aligned = kalloc_nfree();
  kalloc_init(arena + 1, arena + NPAGES * PGSIZE);
  cr_assert_eq(kalloc_nfree(), aligned - 1, "a partial first page must not be used");
  for (uint64 i = 0; i < aligned - 1; i++)
    cr_assert_geq((char *)kalloc(), arena + PGSIZE);
}

Test(kalloc, kfree_panics_on_unaligned_page)
{
  char *arena = host_arena(NPAGES);
  cr_assert(EXPECT_PANIC(kfree(arena + 8)));
  cr_assert_eq(kalloc_nfree(), NPAGES, "a refused page must not join the free list");
}

Test(kalloc, kfree_panics_outside_its_range)
{
  char *arena = host_arena(NPAGES);
  cr_assert(EXPECT_PANIC(kfree(arena + NPAGES * PGSIZE)));
  cr_assert(EXPECT_PANIC(kfree(arena - PGSIZE)));
  cr_assert_eq(kalloc_nfree(), NPAGES);
}

// A reference count that lets two sharers both see "last" (refcount=racy)
// reaches kfree as a page freed, then freed again with a count of 1: that is
// what refcount_new stands in for here, behind the allocator's back.
Test(kalloc, kfree_panics_naming_a_page_already_free)
{
  host_arena(NPAGES);
  char *p = kalloc();
  kfree(p);
  refcount_new((uint64)p);
  cr_assert(EXPECT_PANIC(kfree(p)), "a page on the free list was freed again");
  char want[64];
  snprintf(want, sizeof want, "kfree: page 0x%016lx freed twice", (unsigned long)p);
  cr_assert_str_eq((const char *)host_panic_msg, want);
  cr_assert_eq(kalloc_nfree(), NPAGES, "the second free must not count the page again");
}

Test(kalloc, double_free_leaves_the_free_list_intact)
{
  char *arena = host_arena(NPAGES);
  char *p = kalloc();
  kfree(p);
  refcount_new((uint64)p);
  cr_assert(EXPECT_PANIC(kfree(p)));
  char *got[NPAGES];
  for (int i = 0; i < NPAGES; i++) {
    got[i] = kalloc();
    cr_assert(got[i] >= arena && got[i] < arena + NPAGES * PGSIZE, "page %d: a broken link", i);
    for (int j = 0; j < i; j++)
      cr_assert_neq(got[i], got[j], "page handed out twice");
  }
}

Test(kalloc, a_page_handed_out_again_may_be_freed_again)
{
  host_arena(NPAGES);
  void *got[NPAGES];
  for (int round = 0; round < 3; round++) {
    for (int i = 0; i < NPAGES; i++)
      got[i] = kalloc();
    for (int i = 0; i < NPAGES; i++)
      kfree(got[i]);
    cr_assert_eq(kalloc_nfree(), NPAGES);
  }
}
