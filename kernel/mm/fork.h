// How fork copies a user address space. Exactly one sibling in mm/fork/ is
// compiled into a kernel; Meson picks it (meson_options.txt: fork).
#pragma once

#include "kernel/types.h"
#include "kernel/riscv.h"

// Give child the user memory [0, sz) of parent. 0, or -1 after freeing
// whatever was mapped into child so far.
int fork_copy_mm(pagetable_t parent, pagetable_t child, uint64 sz);

// A user store to va faulted (SCAUSE_STORE_PFAULT). pte is what uvm_user_pte(pt, va)
// returned, NULL if va is no valid user page: the caller has walked to it
// already, so the policy need not walk again. 0 if this fork policy owns the
// fault and has resolved it (rewriting *pte), so the store can be retried; -1
// if it is a real access violation and the process must be killed. Eager
// fork never shares a page, so it always answers -1.
int fork_fault(pagetable_t pt, uint64 va, pte_t *pte);
