// Unit tests of a correct reference-count scheme (refcount/lock.c or
// refcount/atomic.c: Meson builds this file once against each) under
// concurrent threads, on the host.
#include <stdlib.h>
#include <criterion/criterion.h>
#include "kernel/types.h"
#include "kernel/riscv.h"
#include "kernel/mm/kalloc.h"
#include "kernel/mm/refcount.h"
#include "kernel/mm/tests/host.h"
#include "kernel/mm/tests/race.h"

#define NPAGES   8
#define NTHREADS 4

Test(refcount, kalloc_gives_count_one_and_kdrop_of_last_frees)
{
  host_arena(NPAGES);
  void *p = kalloc();
  cr_assert_eq(refcount_get((uint64)p), 1);
  refcount_inc((uint64)p);
  kdrop(p);
  cr_assert_eq(kalloc_nfree(), NPAGES - 1, "a page with another user stays allocated");
  cr_assert_eq(refcount_get((uint64)p), 1);
  kdrop(p);
  cr_assert_eq(kalloc_nfree(), NPAGES, "the last kdrop frees it");
}

// The table's layout is refcount.h's contract with the allocator: 4-byte
// counts over the whole range, the table's own pages included, then a page
// of the free list's bitmap, then the pages handed out.
Test(refcount, the_table_takes_the_first_whole_pages)
{
  char *arena = aligned_alloc(PGSIZE, NPAGES * PGSIZE);
  kalloc_init(arena + 1, arena + NPAGES * PGSIZE);
  cr_assert_eq(kalloc_nfree(), NPAGES - 3, "partial page, a page of counts, a page of bitmap");
  for (int i = 0; i < NPAGES - 3; i++)
    cr_assert_geq((char *)kalloc(), arena + 3 * PGSIZE);
}

Test(refcount, the_table_sizes_itself_from_the_range)
{
  // 4096 pages need 4096 counts of 4 bytes, four pages of table, then a
  // page of the free list's bitmap.
  enum { BIG = 4096 };
  char *arena = aligned_alloc(PGSIZE, (size_t)BIG * PGSIZE);
  kalloc_init(arena, arena + (size_t)BIG * PGSIZE);
  cr_assert_eq(kalloc_nfree(), BIG - 5);
}

Test(refcount, concurrent_inc_dec_never_loses_a_count)
{
  host_arena(NPAGES);
  uint64 pa = (uint64)kalloc();
  // The test holds one reference throughout, so no decrement may say "last".
  int lasts = race_inc_dec(pa, NTHREADS, 100000);
  cr_assert_eq(lasts, 0, "%d decrements wrongly said last", lasts);
  cr_assert_eq(refcount_get(pa), 1, "count drifted to %d", refcount_get(pa));
}

Test(refcount, exactly_one_concurrent_dropper_sees_last)
{
  host_arena(NPAGES);
  uint64 pa = (uint64)kalloc();
  int outcome[NTHREADS + 1];
  race_drops(pa, NTHREADS, 5000, outcome);
  cr_assert_eq(outcome[1], 5000, "exactly one last in every round: %d rounds had none, %d two",
               outcome[0], outcome[2]);
}

Test(refcount, dec_of_unused_page_panics)
{
  host_arena(NPAGES);
  uint64 pa = (uint64)kalloc();
  cr_assert_eq(refcount_dec(pa), 1);
  cr_assert(EXPECT_PANIC(refcount_dec(pa)), "a second drop of a freed page is a kernel bug");
}

Test(refcount, page_outside_allocator_panics)
{
  char *arena = host_arena(NPAGES);
  cr_assert(EXPECT_PANIC(refcount_get((uint64)(arena + NPAGES * PGSIZE))));
}
