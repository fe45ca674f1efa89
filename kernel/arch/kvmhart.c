// Turn on Sv39 paging on the calling hart with the kernel page table that
// kvminit() (mm/kvm.c) built. Kept apart from kvm.c because it touches satp,
// which lets kvm.c compile on the host.
#include "kernel/types.h"
#include "kernel/arch/arch.h"
#include "kernel/arch/csr.h"
#include "kernel/mm/vm.h"

void kvminithart(void)
{
  // Order earlier writes to page-table memory before the switch, and drop
  // any stale translations after it.
  sfence_vma();
  w_satp(MAKE_SATP(kernel_pagetable));
  sfence_vma();
}
