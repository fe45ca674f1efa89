// Superpages in a page table: a leaf PTE in a level-1 table maps 2 MiB, 512
// pages at once, so one TLB entry covers what took 512 (RISC-V privileged
// spec, Sv39: a leaf may sit on any level, its physical address aligned to
// what it maps). These are the table operations every pagesize policy
// shares (mm/pagesize.h); whether superpages are used is the policy's choice.
#pragma once

#include "kernel/types.h"
#include "kernel/riscv.h"

// Map the 2 MiB block at pa as one superpage at va (both 2 MiB aligned) with
// perm. The level-1 slot must be empty or hold an empty leaf table, which is
// freed; anything else there is mapped already. 0, or -1 (no page for the
// level-1 table, or the slot is in use) with nothing mapped.
int superpage_install(pagetable_t pt, uint64 va, uint64 pa, int perm);

// If a superpage maps va, make it 512 small pages with the same permissions,
// in a new leaf table: each page then has a reference count of its own and
// goes back to the 4 KiB free list on its own. 0 (also when no superpage
// maps va), or -1 if no page for the table could be had, nothing changed.
int superpage_split(pagetable_t pt, uint64 va);

// Copy the superpage at pa into 512 fresh small pages mapped at va in pt
// with PTE flags flags: fork's way when the pool has no block. 0, or -1
// with nothing left mapped at [va, va + SUPERPGSIZE).
int superpage_copy_small(uint64 pa, uint64 flags, pagetable_t pt, uint64 va);
