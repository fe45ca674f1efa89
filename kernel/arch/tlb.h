// Keeping this hart's TLB in step with page-table entries the kernel changed
// in place. Switches of satp fence for themselves (boot in kvmhart.c, user
// mode in trampoline.S, uaccess=trap's window in uwindow.c). Host tests
// stand in for these.
#pragma once

#include "kernel/types.h"
#include "kernel/riscv.h"

// The leaf PTE for va in pt changed. If this hart is running on pt, drop its
// cached translation of va; otherwise the next switch to pt flushes anyway.
void tlb_flush_page(pagetable_t pt, uint64 va);

// Many leaf PTEs of pt changed (fork marking a whole address space
// copy-on-write): as tlb_flush_page for all of them, with one fence.
void tlb_flush_user(pagetable_t pt);

// Drop every cached translation of this hart, whatever page table it runs
// on: for a change seen through a root other than pt's own (uaccess=trap).
void tlb_flush_all(void);
