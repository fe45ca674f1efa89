// How copyout meets a copy-on-write page: by simulating the fault. The copy
// loops (walk.c) ask this policy for each page; a store to a page without
// PTE_W is handed to the fork policy as if the hardware had faulted (fork.h).
// Eager fork refuses, so read-only text stays read-only.
#include <stddef.h>
#include "kernel/types.h"
#include "kernel/riscv.h"
#include "kernel/mm/vm.h"
#include "kernel/mm/fork.h"
#include "kernel/mm/uaccess/walk.h"

uint64 uaccess_page(pagetable_t pt, uint64 va, int write)
{
  pte_t *pte = uvm_user_pte(pt, va);
  if (pte == NULL)
    return 0;
  if (write && (*pte & PTE_W) == 0) {
    // The user's own store would fault here; let the fork policy decide, as
    // the trap handler would. It rewrites *pte in place, so no second walk.
    if (fork_fault(pt, PGROUNDDOWN(va), pte) != 0 || (*pte & PTE_W) == 0)
      return 0;
  }
  return uvm_page_pa(pt, va, pte);
}
