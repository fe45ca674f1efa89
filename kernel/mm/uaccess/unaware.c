// BROKEN ON PURPOSE (uaccess=unaware): simulate.c, except that copyout writes
// through the physical address of any valid user page, ignoring PTE_W and COW.
// Symptom: a child's read() into a page shared with its parent changes the
// parent's copy too (and the kernel can write into read-only text).
#include <stddef.h>
#include "kernel/types.h"
#include "kernel/riscv.h"
#include "kernel/mm/vm.h"
#include "kernel/mm/uaccess/walk.h"

uint64 uaccess_page(pagetable_t pt, uint64 va, int write)
{
  pte_t *pte = uvm_user_pte(pt, va);
  if (pte == NULL)
    return 0;
  // A store is treated like a load: whoever else maps the page sees it.
  (void)write;
  return uvm_page_pa(pt, va, pte);
}
