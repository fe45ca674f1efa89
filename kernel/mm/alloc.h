// The free lists of the page allocator: the policy part of kalloc, one
// sibling in mm/alloc/ (meson option alloc). kalloc.c keeps everything that
// does not depend on how free pages are kept: the range, the bit per page
// that catches a page freed twice, the junk fill and the reference counts.
#pragma once

#include "kernel/types.h"

// A free page holds nothing but the link to the next free page.
struct freepage {
  struct freepage *next;
};

// Empty lists and their locks; kalloc_init calls it first.
void alloc_lists_init(void);

// The pages [lo, hi) join the lists at boot, in one go.
void alloc_lists_fill(uint64 lo, uint64 hi);

// A page nobody owns joins a free list.
void alloc_put(struct freepage *page);

// A page off a free list, or NULL if the allocator has none to give.
struct freepage *alloc_get(void);

// Pages on the free lists now (a snapshot: other harts go on).
uint64 alloc_count(void);
