// The copy-on-write mechanism, the cow lab's starter: sharing a page between
// two page tables at fork, and giving a writer its own copy on its first
// store. This file is yours to write (labs/cow/handout). kernel/mm/cow.h
// states what each function promises, the counters and fork's speed
// included, and the host tests in kernel/mm/tests/test_cow.c check it
// (meson test -C build --suite unit). Until then nothing is ever shared:
// each function refuses, and the starter fork (fork/cow.c) copies eagerly.
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

// TODO: cow_share_range as kernel/mm/cow.h states it. Where to look: the
// page-table calls of kernel/mm/vm.h, references in kernel/mm/refcount.h,
// push_off in kernel/lib/spinlock.h, and kernel/arch/tlb.h for what the
// hardware may still remember of the parent's old entries. Before you
// write it, decide which pages a store must still fault on afterwards, and
// what the parent must own again if the child's table cannot grow.
int cow_share_range(pagetable_t parent, pagetable_t child, uint64 sz)
{
  (void)parent;
  (void)child;
  (void)sz;
  return -1;
}

// TODO: cow_resolve as kernel/mm/cow.h states it, counters included. Where
// to look: kernel/mm/refcount.h and kernel/mm/kalloc.h (kdrop) for who owns
// a page, kernel/mm/counters.h, kernel/arch/tlb.h. Before you write it,
// decide when a page can be made writable without a copy, and why that is
// safe against another process sharing it at the same moment.
int cow_resolve(pagetable_t pt, uint64 va, pte_t *pte)
{
  (void)pt;
  (void)va;
  (void)pte;
  return -1;
}
