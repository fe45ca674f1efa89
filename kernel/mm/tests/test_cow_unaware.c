// Unit tests of uaccess/unaware.c, broken on purpose, under copy-on-write
// fork: copyout writes through the shared physical page.
#include <criterion/criterion.h>
#include "kernel/types.h"
#include "kernel/riscv.h"
#include "kernel/mm/vm.h"
#include "kernel/mm/fork.h"
#include "kernel/mm/uaccess.h"
#include "kernel/mm/tests/host.h"

#define NPAGES 64
#define STACK  (3 * PGSIZE)

Test(cow_unaware, childs_read_into_shared_page_changes_parents_copy)
{
  host_arena(NPAGES);
  pagetable_t parent = host_process();
  pagetable_t child = uvmcreate();
  cr_assert_eq(fork_copy_mm(parent, child, HOST_PROCESS_SZ), 0);

  cr_assert_eq(copyout(child, STACK + 16, "zz", 2), 0);
  cr_assert_eq(host_page(parent, STACK)[16], 'z', "unaware: the parent sees the child's read");
  cr_assert_eq(host_page(child, STACK), host_page(parent, STACK), "the page was never copied");
}

Test(cow_unaware, copyout_writes_into_text)
{
  host_arena(NPAGES);
  pagetable_t pt = host_process();
  cr_assert_eq(copyout(pt, 0, "zz", 2), 0, "unaware: read-only text is no obstacle");
  cr_assert_eq(host_page(pt, 0)[0], 'z');
}
