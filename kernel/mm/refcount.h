// Reference counts of physical pages, so that copy-on-write fork can share a
// page between address spaces and free it only when the last one lets go.
// Exactly one sibling in mm/refcount/ is compiled in (meson_options: refcount).
#pragma once

#include "kernel/types.h"

// A sibling that counts (lock.c, atomic.c, racy.c) keeps the one table
// that kalloc and the host tests (kernel/mm/tests/host.c, test_refcount.c)
// size their ranges by: a 4-byte count (an int) for every page of
// [pa_start, pa_end), the pages the table itself takes included, stored
// from pa_start on, so that page pa's count is at index
// (pa - pa_start) / PGSIZE.
//
// Every call but refcount_init takes a page of that range, and such a
// sibling panics on any other address (unaligned, or outside the range):
// only the kernel passes pages here, so a bad one means its bookkeeping is
// already broken (test_refcount.c).

// Prepare counts for the pages in [pa_start, pa_end), the allocator's range,
// all zero. pa_start is page-aligned. Called once by kalloc_init, when the
// RAM the machine has is known. Returns the first page after the table,
// PGROUNDUP(pa_start + 4 * number of pages): the allocator hands out the
// pages from there on.
uint64 refcount_init(uint64 pa_start, uint64 pa_end);

// kalloc is handing out the page at pa: its count becomes 1.
void refcount_new(uint64 pa);

// One more page table maps pa. Panics if pa is not in use (count 0).
void refcount_inc(uint64 pa);

// Drop one reference to pa. 1 if that was the last one and the caller must
// free the page, else 0: of two harts dropping the last two references at
// once, exactly one hears 1. Panics if pa is not in use (count 0): a
// second drop of a freed page is a kernel bug (test_refcount.c).
int refcount_dec(uint64 pa);

// How many references pa has now. Only a count of 1 means a caller may treat
// the page as its own: anything larger may change under it.
int refcount_get(uint64 pa);
