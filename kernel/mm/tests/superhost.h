// Host support for the superpage tests: an arena that holds whole 2 MiB
// blocks, so that the pool (superpool.c) has some to set aside.
#pragma once

#include "kernel/types.h"
#include "kernel/riscv.h"

// Hand kalloc_init an arena of nblocks 2 MiB blocks, 2 MiB aligned; the
// allocator's bookkeeping takes a few pages off the front, so the first
// block is cut into small pages and the pagesize policy decides how many of
// the others the pool keeps. Returns the arena's start.
char *super_arena(int nblocks);

// The level of va's leaf in pt (0 or 1), failing the test if none.
int leaf_level(pagetable_t pt, uint64 va);
