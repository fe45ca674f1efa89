// Unit tests of fork/nofault.c, broken on purpose: fork shares pages like
// fork/cow.c, but nothing ever makes them writable again.
#include <criterion/criterion.h>
#include "kernel/types.h"
#include "kernel/riscv.h"
#include "kernel/mm/vm.h"
#include "kernel/mm/fork.h"
#include "kernel/mm/cow.h"
#include "kernel/mm/refcount.h"
#include "kernel/mm/uaccess.h"
#include "kernel/mm/tests/host.h"

#define NPAGES 64
#define STACK  (3 * PGSIZE)

Test(cow_nofault, shares_like_cow_but_every_store_fault_kills)
{
  host_arena(NPAGES);
  pagetable_t parent = host_process();
  pagetable_t child = uvmcreate();
  cr_assert_eq(fork_copy_mm(parent, child, HOST_PROCESS_SZ), 0);
  cr_assert_eq(host_page(child, STACK), host_page(parent, STACK));
  cr_assert_neq(*walk(child, STACK, 0) & PTE_COW, 0);
  cr_assert_eq(refcount_get((uint64)host_page(child, STACK)), 2);

  cr_assert_eq(host_store_fault(child, STACK), -1, "nofault: the first store after fork kills");
  cr_assert_eq(host_store_fault(parent, STACK), -1, "in the parent too");
  cr_assert_eq(copyout(child, STACK, "x", 1), -1, "and read() into the stack fails");
}
