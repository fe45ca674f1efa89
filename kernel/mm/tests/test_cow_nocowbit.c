// Unit tests of fork/nocowbit.c, broken on purpose: the fault handler takes
// every read-only user page for a copy-on-write one, text included.
#include <criterion/criterion.h>
#include "kernel/types.h"
#include "kernel/riscv.h"
#include "kernel/mm/vm.h"
#include "kernel/mm/fork.h"
#include "kernel/mm/cow.h"
#include "kernel/mm/tests/host.h"

#define NPAGES 64
#define STACK  (3 * PGSIZE)

Test(cow_nocowbit, store_to_text_succeeds_and_text_becomes_writable)
{
  host_arena(NPAGES);
  pagetable_t parent = host_process();
  pagetable_t child = uvmcreate();
  cr_assert_eq(fork_copy_mm(parent, child, HOST_PROCESS_SZ), 0);

  cr_assert_eq(host_store_fault(child, 0), 0, "nocowbit: a store to text is 'resolved'");
  cr_assert_neq(*walk(child, 0, 0) & PTE_W, 0, "the child's text is now writable");
}

Test(cow_nocowbit, text_of_an_unforked_process_becomes_writable_in_place)
{
  host_arena(NPAGES);
  pagetable_t pt = host_process();
  unsigned char *text = host_page(pt, 0);
  cr_assert_eq(host_store_fault(pt, 0), 0);
  cr_assert_eq(host_page(pt, 0), text, "count 1: the text page itself turns writable");
  cr_assert_neq(*walk(pt, 0, 0) & PTE_W, 0);
}

Test(cow_nocowbit, still_resolves_real_cow_pages)
{
  host_arena(NPAGES);
  pagetable_t parent = host_process();
  pagetable_t child = uvmcreate();
  cr_assert_eq(fork_copy_mm(parent, child, HOST_PROCESS_SZ), 0);
  cr_assert_eq(host_store_fault(child, STACK), 0);
  cr_assert_neq(host_page(child, STACK), host_page(parent, STACK));
}
