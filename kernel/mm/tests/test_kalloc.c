// Unit tests of the physical page allocator (kalloc.c), run on the host with
// an arena of pages standing in for RAM.
#include <stdint.h>
#include <stdlib.h>
#include <criterion/criterion.h>
#include "kernel/types.h"
#include "kernel/riscv.h"
#include "kernel/mm/kalloc.h"
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
  // The reference counts take the first whole page; the pages after it are
  // handed out, and the partial page before it is never touched.
  char *arena = aligned_alloc(PGSIZE, NPAGES * PGSIZE);
  kalloc_init(arena + 1, arena + NPAGES * PGSIZE);
  cr_assert_eq(kalloc_nfree(), NPAGES - 2, "a partial first page must not be used");
  for (int i = 0; i < NPAGES - 2; i++)
    cr_assert_geq((char *)kalloc(), arena + 2 * PGSIZE);
}

Test(kalloc, the_reference_counts_size_themselves_from_the_range)
{
  // 4096 pages need 4096 counts of 4 bytes: four pages of table.
  enum { BIG = 4096 };
  char *arena = aligned_alloc(PGSIZE, (size_t)BIG * PGSIZE);
  kalloc_init(arena, arena + (size_t)BIG * PGSIZE);
  cr_assert_eq(kalloc_nfree(), BIG - 4);
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
