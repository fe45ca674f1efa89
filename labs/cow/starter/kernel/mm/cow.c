// The copy-on-write mechanism, the cow lab's starter: sharing a page between
// two page tables at fork, and giving a writer its own copy on its first
// store. This file is yours to write (labs/cow/handout); kernel/mm/cow.h says
// what each function promises. Until then nothing is ever shared: each one
// refuses, and the starter fork (fork/cow.c) copies eagerly instead.
#include <stddef.h>
#include "kernel/types.h"
#include "kernel/riscv.h"
#include "kernel/lib/printf.h"
#include "kernel/lib/string.h"
#include "kernel/arch/tlb.h"
#include "kernel/mm/kalloc.h"
#include "kernel/mm/vm.h"
#include "kernel/mm/refcount.h"
#include "kernel/mm/counters.h"
#include "kernel/mm/cow.h"

// TODO: a helper for cow_share_range (make it static once that calls it):
// map the parent's page into the child too, take a reference to it, and
// make a writable page read-only and PTE_COW in both tables. A page that was
// read-only (text) stays plain read-only.
int share_page(pagetable_t parent, pagetable_t child, uint64 va)
{
  (void)parent;
  (void)child;
  (void)va;
  return -1;
}

// TODO: share every page of [0, sz); on failure undo what was shared so the
// parent is left owning its pages (uvmunmap() in kernel/mm/vm.h). The PTEs
// you changed in the parent's live page table need their stale translations
// dropped: one tlb_flush_user() at the end does it for all of them
// (kernel/arch/tlb.h).
int cow_share_range(pagetable_t parent, pagetable_t child, uint64 sz)
{
  (void)parent;
  (void)child;
  (void)sz;
  return -1;
}

// TODO: make va's page writable and private to pt: if pt holds the only
// reference (refcount_get() in kernel/mm/refcount.h) keep the page, else copy
// it and drop the reference to the original with kfree(). Count what happened
// with kstat_count() (kernel/mm/counters.h), so kstat and cowtest can see it.
int cow_resolve(pagetable_t pt, uint64 va, pte_t *pte)
{
  (void)pt;
  (void)va;
  (void)pte;
  return -1;
}
