// Eager fork, the base lab's starter: the child is to get its own copy of
// every parent page at fork time. This file is yours to write (labs/base/handout);
// until fork_copy_mm does its job every fork fails, so init prints "init: fork
// failed" once a second and no shell ever starts. Nothing panics meanwhile.
#include <stddef.h>
#include "kernel/types.h"
#include "kernel/riscv.h"
#include "kernel/lib/printf.h"
#include "kernel/lib/string.h"
#include "kernel/mm/kalloc.h"
#include "kernel/mm/vm.h"
#include "kernel/mm/fork.h"

// TODO: give child a private copy of every page of [0, sz) in parent, each
// mapped at the same address with the same permissions (fork.h says what to
// return, and what to undo on failure).
//
// Where to look: walk() and mappages() in kernel/mm/vm.h find and make
// mappings, PTE2PA and PTE_FLAGS in kernel/riscv.h take a PTE apart, kalloc()
// and kfree() in kernel/mm/kalloc.h give and take pages, memmove() in
// kernel/lib/string.h copies one, and uvmunmap() undoes a partial copy.
// exec and sbrk map [0, sz) in full, so a hole there is a kernel bug.
int fork_copy_mm(pagetable_t parent, pagetable_t child, uint64 sz)
{
  (void)parent;
  (void)child;
  (void)sz;
  return -1;
}

int fork_fault(pagetable_t pt, uint64 va, pte_t *pte)
{
  // Every page is private, so a store fault is a genuine access violation.
  (void)pt;
  (void)va;
  (void)pte;
  return -1;
}
