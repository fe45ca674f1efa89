// A host stand-in for the hardware under uaccess/trap.c: the window switch
// (arch/uwindow.c), the full TLB flush (arch/tlb.c), and the byte loads and
// stores of uaccess/trap_insn.S, which translate through the window's root
// the way the MMU does for supervisor mode and trap into
// uaccess_kernel_fault() on a fault. Also the kernel symbols trap.c needs
// that the host library lacks.
#include <criterion/criterion.h>
#include "kernel/types.h"
#include "kernel/param.h"
#include "kernel/riscv.h"
#include "kernel/arch/csr.h"
#include "kernel/mm/vm.h"
#include "kernel/arch/arch.h"
#include "kernel/arch/tlb.h"
#include "kernel/arch/uwindow.h"
#include "kernel/mm/uaccess.h"
#include "kernel/mm/tests/trap_machine.h"

struct trap_machine machine;

// A kernel root with entries in the slots the real kernel uses (devices in
// 0, RAM in 2, trampoline and stacks in 255), so a test can see they survive
// into the window's root. They point at an empty table and are never walked.
static pte_t kernel_root[512] __attribute__((aligned(PGSIZE)));
static pte_t empty_table[512] __attribute__((aligned(PGSIZE)));
pagetable_t kernel_pagetable = kernel_root;

__attribute__((constructor)) static void kernel_root_init(void)
{
  kernel_root[0] = kernel_root[2] = kernel_root[255] = PA2PTE(empty_table) | PTE_V;
}

int cpuid(void)
{
  return 0;
}

// Stand-ins for instruction addresses: only their addresses matter. The
// exception table lists them in the ex_table section, laid out like trap.c's
// struct ex_entry; the host linker provides __start_ex_table and
// __stop_ex_table around it.
static const char store_insn, load_insn, fixup;
__attribute__((section("ex_table"), used)) static uint64 host_ex_table[][2] = {
    {(uint64)&store_insn, (uint64)&fixup},
    {(uint64)&load_insn, (uint64)&fixup},
};

uint64 trap_machine_load_insn(void)
{
  return (uint64)&load_insn;
}

uint64 trap_machine_fixup(void)
{
  return (uint64)&fixup;
}

uint64 uwindow_enter(uint64 satp)
{
  cr_assert_eq(machine.sum, 0, "window opened twice");
  uint64 old = machine.satp;
  machine.satp = satp;
  machine.sum = 1;
  machine.windows_opened++;
  machine.last_root = (pagetable_t)((satp & ((1UL << 44) - 1)) << PGSHIFT);
  return old;
}

void uwindow_leave(uint64 satp)
{
  machine.satp = satp;
  machine.sum = 0;
  machine.windows_closed++;
}

void tlb_flush_all(void)
{
  machine.flushes++;
}

// The byte addr names on the current root if a supervisor access with need
// (PTE_R or PTE_W) is allowed, else NULL. As on the hardware, a page without
// PTE_U is open to supervisor mode; a PTE_U page only while SUM is set.
static unsigned char *translate(uint64 addr, int need)
{
  cr_assert_neq(machine.satp, 0, "user access with paging off");
  pagetable_t root = (pagetable_t)((machine.satp & ((1UL << 44) - 1)) << PGSHIFT);
  pte_t *pte = walk(root, addr, 0);
  if (pte == NULL || (*pte & PTE_V) == 0 || (*pte & need) == 0)
    return NULL;
  if ((*pte & PTE_U) && !machine.sum)
    return NULL;
  return (unsigned char *)PTE2PA(*pte) + addr % PGSIZE;
}

// Take a fault at insn the way kerneltrap would: 1 to retry the access, 0 if
// it resumed at the fixup. A fault the kernel does not handle is a panic.
static int trap(uint64 scause, uint64 addr, uint64 insn)
{
  uint64 epc = insn;
  machine.faults++;
  cr_assert_eq(uaccess_kernel_fault(scause, addr, &epc), 0, "kernel panic: fault at %#lx", addr);
  if (epc == (uint64)&fixup) {
    machine.fixups++;
    return 0;
  }
  cr_assert_eq(epc, insn, "resumed neither at the access nor at its fixup");
  return 1;
}

int uaccess_store_byte(uint64 addr, char c)
{
  machine.accesses++;
  // A resolved fault must not fault again: two tries at most.
  for (int tries = 0; tries < 2; tries++) {
    unsigned char *p = translate(addr, PTE_W);
    if (p != NULL) {
      *p = (unsigned char)c;
      return 0;
    }
    if (!trap(SCAUSE_STORE_PFAULT, addr, (uint64)&store_insn))
      return -1;
  }
  cr_assert_fail("store at %#lx faulted again after its fault was resolved", addr);
  return -1;
}

int uaccess_load_byte(uint64 addr)
{
  machine.accesses++;
  unsigned char *p = translate(addr, PTE_R);
  if (p != NULL)
    return *p;
  // Load page fault (13): only ever sent to the fixup.
  cr_assert_eq(trap(13, addr, (uint64)&load_insn), 0, "a load fault asked for a retry");
  return -1;
}
