// How copyout meets a copy-on-write page: by taking the fault. The copy loops
// (walk.c) touch user addresses directly, through a window onto the user page
// table. Policy: copyout takes the same store page fault a user store would,
// and the kernel resolves it in its own trap handler (fork.h); a bad address
// turns into -1 through the exception table of the access instructions in
// trap_insn.S, never a panic. The satp and SUM switch is arch/uwindow.c.
#include <stddef.h>
#include "kernel/types.h"
#include "kernel/param.h"
#include "kernel/riscv.h"
#include "kernel/lib/printf.h"
#include "kernel/lib/spinlock.h"
#include "kernel/lib/string.h"
#include "kernel/arch/arch.h"
#include "kernel/arch/csr.h"
#include "kernel/arch/tlb.h"
#include "kernel/arch/uwindow.h"
#include "kernel/mm/vm.h"
#include "kernel/mm/fork.h"
#include "kernel/mm/uaccess.h"
#include "kernel/mm/uaccess/walk.h"

// The window is slot 1 of the root page table, virtual 1 GiB to 2 GiB, which
// the kernel's own map leaves empty (devices sit below 1 GiB and RAM starts
// at KERNBASE, 2 GiB; memlayout.h). It shows user addresses [0, 1 GiB), the
// range slot 0 of a user page table covers: user address va is visible to
// the kernel at UWINDOW + va. rvlab's user memory never reaches 1 GiB.
#define UWINDOW_SLOT 1
#define UWINDOW      (1UL << PXSHIFT(2))
#define UWINDOW_SIZE (1UL << PXSHIFT(2))

// One entry of the exception table (trap_insn.S): a user-access instruction
// and the instruction to resume at if it faults.
struct ex_entry {
  uint64 insn;
  uint64 fixup;
};
extern const struct ex_entry __start_ex_table[], __stop_ex_table[];

// The user accesses, in trap_insn.S: 0 or the byte loaded (0 to 255), or -1
// if the access faulted and uaccess_kernel_fault() sent it to its fixup.
int uaccess_store_byte(uint64 addr, char c);
int uaccess_load_byte(uint64 addr);

// Per hart: a root page table that is the kernel's plus the window slot, the
// user page table the window shows during a copy (NULL between copies), and
// the satp to go back to. Only the hart itself uses its entries, with
// interrupts off, so no lock.
static pte_t window_root[NCPU][512] __attribute__((aligned(PGSIZE)));
static int window_built[NCPU];
static pagetable_t window_user[NCPU];
static uint64 window_saved_satp[NCPU];

// Whether [va, va+len) lies inside what the window can show. An empty range
// touches nothing, so it fits anywhere, as it does for simulate.c.
static int window_fits(uint64 va, uint64 len)
{
  return len == 0 || (va < UWINDOW_SIZE && len <= UWINDOW_SIZE - va);
}

// Point this hart's window at pt and switch to it, with interrupts off so
// that nothing else runs on the hart while the window is open.
int uaccess_begin(pagetable_t pt, uint64 va, uint64 len)
{
  if (!window_fits(va, len))
    return -1;
  push_off();
  int id = cpuid();
  pte_t *root = window_root[id];
  if (!window_built[id]) {
    // kvminit() finished the kernel's root before any process ran, so a
    // copy of it taken now stays right.
    memmove(root, kernel_pagetable, PGSIZE);
    if (root[UWINDOW_SLOT] & PTE_V)
      panic("uaccess: the kernel maps the user window's slot");
    window_built[id] = 1;
  }
  // The level-1 table of the user's first GiB, shared, not copied: a page
  // the fork policy remaps during the copy shows through at once.
  pte_t user = pt[0];
  root[UWINDOW_SLOT] = (user & PTE_V) ? PA2PTE(PTE2PA(user)) | PTE_V : 0;
  window_user[id] = pt;
  window_saved_satp[id] = uwindow_enter(MAKE_SATP(root));
  return 0;
}

void uaccess_end(void)
{
  int id = cpuid();
  uwindow_leave(window_saved_satp[id]);
  window_user[id] = NULL;
  pop_off();
}

// Whether va's page is mapped but not for user code, like the stack guard.
// Supervisor mode may touch such a page whatever SUM says, so the hardware
// cannot refuse it for us; this is the one check made in software. An
// unmapped page is left to the hardware, which faults; so only a page
// uvm_user_pte() refuses costs a second walk, to tell the two apart.
static int kernel_only(pagetable_t pt, uint64 va)
{
  if (uvm_user_pte(pt, va) != NULL)
    return 0;
  pte_t *pte = walk(pt, va, 0);
  return pte != NULL && (*pte & PTE_V);
}

uint64 uaccess_page(pagetable_t pt, uint64 va, int write)
{
  // A store the page does not allow faults as the user's own would, and
  // uaccess_kernel_fault() hands it to the fork policy: nothing to ask here.
  (void)write;
  if (va >= UWINDOW_SIZE || kernel_only(pt, va))
    return 0;
  return UWINDOW + PGROUNDDOWN(va);
}

int uaccess_put(uint64 addr, const char *src, uint64 n)
{
  for (uint64 i = 0; i < n; i++)
    if (uaccess_store_byte(addr + i, src[i]) != 0)
      return -1;
  return 0;
}

int uaccess_get(char *dst, uint64 addr, uint64 n)
{
  for (uint64 i = 0; i < n; i++) {
    int c = uaccess_load_byte(addr + i);
    if (c < 0)
      return -1;
    dst[i] = (char)c;
  }
  return 0;
}

// The fixup for a faulting instruction at pc, or 0 if it is not a user access.
static uint64 fixup_for(uint64 pc)
{
  for (const struct ex_entry *e = __start_ex_table; e < __stop_ex_table; e++)
    if (e->insn == pc)
      return e->fixup;
  return 0;
}

int uaccess_kernel_fault(uint64 scause, uint64 stval, uint64 *epc)
{
  uint64 fixup = fixup_for(*epc);
  if (fixup == 0)
    return -1;
  pagetable_t pt = window_user[cpuid()];
  if (pt == NULL)
    panic("uaccess_kernel_fault: user access with the window closed");

  // The store a user program would make here faults the same way: let the
  // fork policy have it, and on success run the store again.
  uint64 va = stval - UWINDOW;
  int in_window = stval >= UWINDOW && stval < UWINDOW + UWINDOW_SIZE;
  if (scause == SCAUSE_STORE_PFAULT && in_window && fork_fault(pt, va, uvm_user_pte(pt, va)) == 0) {
    // The PTE changed under the window's root, not pt's, so
    // tlb_flush_page() in cow.c cannot see that this hart caches it.
    tlb_flush_all();
    return 0;
  }
  *epc = fixup;
  return 0;
}
