// Unit tests of refcount/none.c, broken on purpose: they show that without
// counts the first drop of a shared page frees it for every sharer.
#include <string.h>
#include <criterion/criterion.h>
#include "kernel/types.h"
#include "kernel/riscv.h"
#include "kernel/mm/kalloc.h"
#include "kernel/mm/refcount.h"
#include "kernel/mm/tests/host.h"

#define NPAGES 8

Test(refcount_none, first_drop_of_shared_page_says_last)
{
  host_arena(NPAGES);
  uint64 pa = (uint64)kalloc();
  refcount_inc(pa);
  cr_assert_eq(refcount_dec(pa), 1, "none: the first of two sharers frees the page");
}

Test(refcount_none, kdrop_of_shared_page_frees_it_for_everyone)
{
  host_arena(NPAGES);
  void *p = kalloc();
  refcount_inc((uint64)p);
  kdrop(p);
  cr_assert_eq(kalloc_nfree(), NPAGES, "the page is free while its second user still has it");
  cr_assert_eq(kalloc(), p, "and the next kalloc hands it to someone else");
}

Test(refcount_none, every_page_looks_shared)
{
  host_arena(NPAGES);
  uint64 pa = (uint64)kalloc();
  cr_assert_gt(refcount_get(pa), 1, "with no counts, a COW fault must always copy");
}

// The second sharer's drop also says "last": kdrop finds the page already on
// the free list and panics, naming it, instead of listing it twice.
Test(refcount_none, second_sharers_kdrop_panics_freed_twice)
{
  host_arena(NPAGES);
  void *p = kalloc();
  refcount_inc((uint64)p);
  kdrop(p);
  cr_assert(EXPECT_PANIC(kdrop(p)));
  cr_assert(strstr((const char *)host_panic_msg, "freed twice"), "panic: %s", host_panic_msg);
}
