// Reference counts of physical pages, so that copy-on-write fork can share a
// page between address spaces and free it only when the last one lets go.
// Exactly one sibling in mm/refcount/ is compiled in (meson_options: refcount).
#pragma once

#include "kernel/types.h"

// Prepare counts for the pages in [pa_start, pa_end), the allocator's range.
// pa_start is page-aligned. Called once by kalloc_init. The counts live in
// the first pages of the range, sized for the RAM the machine has; returns
// where the pages after them, the ones the allocator hands out, begin.
uint64 refcount_init(uint64 pa_start, uint64 pa_end);

// kalloc is handing out the page at pa: its count becomes 1.
void refcount_new(uint64 pa);

// One more page table maps pa.
void refcount_inc(uint64 pa);

// Drop one reference to pa. 1 if that was the last one and the caller must
// free the page, else 0.
int refcount_dec(uint64 pa);

// How many references pa has now. Only a count of 1 means a caller may treat
// the page as its own: anything larger may change under it.
int refcount_get(uint64 pa);
