// BROKEN ON PURPOSE (fork=nofault): fork shares pages read-only exactly as
// fork/cow.c does, but there is no fault handler: every store fault kills.
// Symptom: the first store after fork kills the process. The shell still
// comes up (init's child execs it before storing), but the first command kills
// sh and its child, then init: "panic: init exiting".
#include <stddef.h>
#include "kernel/types.h"
#include "kernel/riscv.h"
#include "kernel/mm/cow.h"
#include "kernel/mm/fork.h"

int fork_copy_mm(pagetable_t parent, pagetable_t child, uint64 sz)
{
  return cow_share_range(parent, child, sz);
}

int fork_fault(pagetable_t pt, uint64 va, pte_t *pte)
{
  // Nobody ever makes a shared page writable again.
  (void)pt;
  (void)va;
  (void)pte;
  return -1;
}
