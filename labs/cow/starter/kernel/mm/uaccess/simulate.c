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

// TODO: copyout must meet a page exactly as the user's own store would.
// Where to look: kernel/mm/uaccess/walk.h (what the copy loops expect
// back), kernel/arch/trap.c (what becomes of a user store fault) and
// kernel/mm/fork.h. A page that stays read-only must still refuse.
uint64 uaccess_page(pagetable_t pt, uint64 va, int write)
{
  pte_t *pte = uvm_user_pte(pt, va);
  if (pte == NULL)
    return 0;
  if (write && (*pte & PTE_W) == 0)
    return 0;
  // The 4 KiB page of va, also inside a superpage (the pgtbl lab's).
  return uvm_page_pa(pt, va, pte);
}
