// Physical page allocator: whole 4096-byte pages, for user memory, kernel
// stacks, page tables and pipe buffers.
#pragma once

#include "kernel/types.h"

// Hand the pages in [start, end) to the allocator; start is rounded up to a
// page. The kernel passes [end of kernel image, end of RAM); host tests pass
// an arena of their own.
void kalloc_init(void *start, void *end);

// One page, filled with junk to catch use of uninitialised memory, or NULL.
void *kalloc(void);

// Give back a page that kalloc handed out and that the caller alone holds:
// a page-table page, a kernel stack, a page just allocated and not mapped.
void kfree(void *pa);

// Drop one reference to a page that others may hold too: a user page, which
// fork (cow lab) or the page calls (ucow lab) may have shared. The page goes
// back to the allocator with its last reference (refcount_dec says which).
void kdrop(void *pa);

// Number of free pages now.
uint64 kalloc_nfree(void);
