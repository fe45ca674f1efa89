// How copyout meets a copy-on-write page, the cow lab's starter: by simulating
// the fault the user's own store would take. This file is yours to write
// (labs/cow/handout). Until then copyout refuses any page without PTE_W,
// which is right for text and wrong for a shared copy-on-write page: a read()
// into memory a child shares with its parent fails.
#include <stddef.h>
#include "kernel/types.h"
#include "kernel/riscv.h"
#include "kernel/mm/vm.h"
#include "kernel/mm/fork.h"
#include "kernel/mm/uaccess/walk.h"

// TODO: a store to a page without PTE_W is what the trap handler would hand
// to the fork policy (fork_fault() in kernel/mm/fork.h); hand it over here
// too, and give the page only if the policy made it writable.
// kernel/mm/uaccess/walk.h says what the copy loops expect back.
uint64 uaccess_page(pagetable_t pt, uint64 va, int write)
{
  pte_t *pte = uvm_user_pte(pt, va);
  if (pte == NULL)
    return 0;
  if (write && (*pte & PTE_W) == 0)
    return 0;
  return PTE2PA(*pte);
}
