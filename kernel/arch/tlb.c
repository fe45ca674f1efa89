// TLB maintenance for page-table changes made while a process runs (fork's
// copy-on-write sharing, fault resolution). Relies on satp and sfence.vma
// (arch/csr.h).
#include "kernel/types.h"
#include "kernel/riscv.h"
#include "kernel/arch/csr.h"
#include "kernel/arch/tlb.h"

void tlb_flush_page(pagetable_t pt, uint64 va)
{
  // Every entry into and exit from user mode switches satp with a full
  // sfence.vma, so only a hart whose satp is pt right now can hold a stale
  // entry: that happens when kernel code works on the user table directly.
  if (r_satp() != MAKE_SATP(pt))
    return;
  asm volatile("sfence.vma %0, zero" : : "r"(va) : "memory");
}

void tlb_flush_user(pagetable_t pt)
{
  if (r_satp() == MAKE_SATP(pt))
    sfence_vma();
}

void tlb_flush_all(void)
{
  sfence_vma();
}
