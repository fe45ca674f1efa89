// Keeping this hart's TLB in step with a page table the kernel just changed.
// The only TLB touch outside boot and trap entry; host tests stub it out.
#pragma once

#include "kernel/types.h"
#include "kernel/riscv.h"

// The leaf PTE for va in pt changed. If this hart is running on pt, drop its
// cached translation of va; otherwise the next switch to pt flushes anyway.
void tlb_flush_page(pagetable_t pt, uint64 va);
