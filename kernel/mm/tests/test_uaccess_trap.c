// Unit tests of uaccess/trap.c under copy-on-write fork, on the host, with
// tests/trap_machine.c playing the hart: the window onto user memory, the
// fault that reaches uaccess_kernel_fault(), and the exception table.
#include <criterion/criterion.h>
#include "kernel/types.h"
#include "kernel/riscv.h"
#include "kernel/mm/vm.h"
#include "kernel/mm/fork.h"
#include "kernel/mm/uaccess.h"
#include "kernel/mm/tests/host.h"
#include "kernel/mm/tests/trap_machine.h"

#define NPAGES  64
#define GUARD   (2 * PGSIZE) // host_process(): text, data, guard, stack
#define STACK   (3 * PGSIZE)
#define UWINDOW 0x40000000UL // where trap.c shows user address 0

static pagetable_t process(void)
{
  host_arena(NPAGES);
  return host_process();
}

Test(uaccess_trap, window_shows_user_memory_at_one_gib_plus_va)
{
  pagetable_t pt = process();
  char c;
  cr_assert_eq(copyin(pt, &c, PGSIZE, 1), 0);
  cr_assert_eq(c, 'b');
  pagetable_t root = machine.last_root;
  cr_assert_eq(root[1], PA2PTE(PTE2PA(pt[0])) | PTE_V, "slot 1 is the user's first GiB");
  for (int slot = 0; slot < 512; slot++)
    if (slot != 1)
      cr_assert_eq(root[slot], kernel_pagetable[slot], "kernel slot %d kept", slot);
  for (uint64 va = 0; va < HOST_PROCESS_SZ; va += PGSIZE)
    cr_assert_eq(walk(root, UWINDOW + va, 0), walk(pt, va, 0), "va %#lx", va);
}

Test(uaccess_trap, copies_leave_window_closed_and_sum_clear)
{
  pagetable_t pt = process();
  char buf[8];
  cr_assert_eq(copyout(pt, STACK, "abc", 4), 0);
  cr_assert_eq(copyin(pt, buf, 0x100000, 1), -1, "a failed copy closes the window too");
  cr_assert_eq(copyinstr(pt, buf, STACK, sizeof(buf)), 0);
  cr_assert_eq(machine.windows_opened, 3);
  cr_assert_eq(machine.windows_closed, 3);
  cr_assert_eq(machine.sum, 0);
  cr_assert_eq(machine.satp, 0, "the satp from before the copy is back");
}

Test(uaccess_trap, range_past_one_gib_is_refused_untouched)
{
  pagetable_t pt = process();
  char buf[32] = {0};
  cr_assert_eq(copyout(pt, UWINDOW - 1, buf, 0x11), -1);
  cr_assert_eq(copyin(pt, buf, UWINDOW - 16, 17), -1);
  cr_assert_eq(copyin(pt, buf, MAXVA - 1, 1), -1);
  cr_assert_eq(copyinstr(pt, buf, UWINDOW, sizeof(buf)), -1);
  cr_assert_eq(copyout(pt, 0x80000000UL, buf, 1), -1, "a kernel address is a user address > 1 GiB");
  cr_assert_eq(machine.windows_opened, 0);
  cr_assert_eq(machine.accesses, 0);
}

Test(uaccess_trap, guard_page_is_refused_though_supervisor_could_write_it)
{
  pagetable_t pt = process();
  char buf[8] = "zzzzzzz";
  cr_assert_eq(copyout(pt, GUARD + 8, buf, sizeof(buf)), -1);
  cr_assert_eq(copyin(pt, buf, GUARD, 1), -1);
  cr_assert_eq(copyinstr(pt, buf, STACK - 4, sizeof(buf)), -1, "a string starting in the guard");
  cr_assert_eq(host_page(pt, GUARD)[8], 'c', "the guard page is untouched");
  cr_assert_eq(machine.accesses, 0, "refused before any access");
}

Test(uaccess_trap, childs_copyout_into_shared_page_gets_private_copy)
{
  pagetable_t parent = process();
  pagetable_t child = uvmcreate();
  cr_assert_eq(fork_copy_mm(parent, child, HOST_PROCESS_SZ), 0);

  cr_assert_eq(copyout(child, STACK + 16, "zz", 2), 0);
  cr_assert_eq(machine.faults, 1, "one store page fault, on the first byte");
  cr_assert_eq(machine.flushes, 1, "the stale translation is flushed before the retry");
  cr_assert_eq(machine.fixups, 0);
  cr_assert_eq(host_page(child, STACK)[16], 'z');
  cr_assert_eq(host_page(child, STACK)[17], 'z');
  cr_assert_eq(host_page(parent, STACK)[16], 'd', "the parent keeps its copy");
  cr_assert_neq(host_page(child, STACK), host_page(parent, STACK));
}

Test(uaccess_trap, last_sharer_writes_without_second_fault)
{
  pagetable_t parent = process();
  pagetable_t child = uvmcreate();
  cr_assert_eq(fork_copy_mm(parent, child, HOST_PROCESS_SZ), 0);
  cr_assert_eq(copyout(child, PGSIZE, "x", 1), 0);
  // The child now has its own data page; the parent is the last sharer.
  cr_assert_eq(copyout(parent, PGSIZE + 1, "y", 1), 0);
  cr_assert_eq(machine.faults, 2);
  cr_assert_eq(host_page(parent, PGSIZE)[1], 'y');
  cr_assert_eq(host_page(child, PGSIZE)[1], 'b');
  cr_assert_eq(copyout(parent, PGSIZE + 2, "y", 1), 0);
  cr_assert_eq(machine.faults, 2, "the page is writable again");
}

Test(uaccess_trap, copyout_into_text_resumes_at_fixup)
{
  pagetable_t pt = process();
  cr_assert_eq(copyout(pt, 8, "zz", 2), -1);
  cr_assert_eq(machine.faults, 1);
  cr_assert_eq(machine.fixups, 1, "fork_fault refused, so the copy fails");
  cr_assert_eq(host_page(pt, 0)[8], 'a', "text is untouched");
}

Test(uaccess_trap, copyout_stops_at_first_unmapped_byte)
{
  pagetable_t pt = process();
  char buf[8] = "zzzzzzz";
  cr_assert_eq(copyout(pt, HOST_PROCESS_SZ - 4, buf, sizeof(buf)), -1);
  cr_assert_eq(machine.fixups, 1);
  cr_assert_eq(host_page(pt, STACK)[PGSIZE - 1], 'z', "bytes before the hole were written");
}

Test(uaccess_trap, copyinstr_running_into_unmapped_page_fails)
{
  pagetable_t pt = process();
  char buf[64];
  cr_assert_eq(copyinstr(pt, buf, HOST_PROCESS_SZ - 8, sizeof(buf)), -1);
  cr_assert_eq(machine.fixups, 1);
}

Test(uaccess_trap, fault_outside_the_table_is_a_kernel_bug)
{
  uint64 epc = 0x80001234UL;
  cr_assert_eq(uaccess_kernel_fault(13, UWINDOW, &epc), -1);
  cr_assert_eq(epc, 0x80001234UL, "epc untouched");
  epc = trap_machine_fixup();
  cr_assert_eq(uaccess_kernel_fault(15, UWINDOW, &epc), -1, "the fixup is not an access");
}

Test(uaccess_trap, table_fault_with_window_closed_panics)
{
  process();
  uint64 epc = trap_machine_load_insn();
  cr_assert_eq(EXPECT_PANIC(uaccess_kernel_fault(13, UWINDOW, &epc)), 1);
}
