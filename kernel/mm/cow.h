// The copy-on-write mechanism shared by the fork policies in mm/fork/: share
// a page between two page tables, and give a writer its own copy later. When
// a store fault is copy-on-write is the policy's decision, not this file's.
#pragma once

#include "kernel/types.h"
#include "kernel/riscv.h"

// Marks a page that was writable before fork shared it read-only. Bit 8 is
// one of the two RSW bits the privileged spec reserves for the supervisor
// (Sv39 PTE format), so the hardware ignores it.
#define PTE_COW (1L << 8)

// Share every page of [0, sz) between parent and child: each is mapped into
// child as well and gains a reference; a writable page loses PTE_W and gains
// PTE_COW in both tables, a read-only page (text) is shared as it is. 0, or
// -1 after undoing what it shared (child's page table could not grow).
int cow_share_range(pagetable_t parent, pagetable_t child, uint64 sz);

// Make va's page writable and private to pt: reuse it if pt holds the only
// reference, else copy it and drop the reference to the original. Clears
// PTE_COW. pte is va's PTE as the caller found it with uvm_user_pte(), never
// NULL; it is rewritten in place. 0, or -1 if memory ran out.
int cow_resolve(pagetable_t pt, uint64 va, pte_t *pte);
