// The copy-on-write mechanism shared by the fork policies in mm/fork/: share
// a page between two page tables, and give a writer its own copy later. When
// a store fault is copy-on-write is the policy's decision, not this file's.
#pragma once

#include "kernel/types.h"
#include "kernel/riscv.h"

// PTE_COW (kernel/riscv.h) marks a page that was writable before fork
// shared it read-only. It is one of the two RSW bits the privileged spec
// reserves for the supervisor (Sv39 PTE format), so the hardware ignores it.

// Share every page of [0, sz) between parent and child: each is mapped into
// child as well and gains a reference; a writable page loses PTE_W and gains
// PTE_COW in both tables, a read-only page (text) is shared as it is. 0, or
// -1 after undoing what it shared (child's page table could not grow). No
// stale writable translation of the parent's may survive it (arch/tlb.h).
//
// Fork's speed is measured (forkbench): work a leaf page table at a time,
// UVM_BATCH_SPAN pages (kernel/mm/vm.h), with one walk per table rather
// than one per page, and interrupts off across each span (push_off and
// pop_off, kernel/lib/spinlock.h), so that a refcount lock does not turn
// them off and on again for every page.
int cow_share_range(pagetable_t parent, pagetable_t child, uint64 sz);

// Make va's page writable and private to pt: reuse it if pt holds the only
// reference, else copy it and drop the reference to the original. Clears
// PTE_COW. pte is va's PTE as the caller found it with uvm_user_pte(), never
// NULL; it is rewritten in place. 0, or -1 if memory ran out.
//
// The kstat counters (kernel/mm/counters.h) of copy-on-write are counted
// here and nowhere else, so that a fault is counted once whichever path
// (the trap handler or copyout) brought it: KSTAT_COW_FAULT on every call,
// failed ones too, then KSTAT_COW_REUSE or KSTAT_COW_COPY for what it did.
// cowtest and the host tests (test_cow.c) read them.
int cow_resolve(pagetable_t pt, uint64 va, pte_t *pte);
