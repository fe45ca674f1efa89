// The pool of 2 MiB blocks behind superpages: whole, aligned blocks set aside
// at boot from the top of the allocator's range, because a 4 KiB free list
// soon holds no 512 neighbouring pages to give. When kalloc's own list runs
// dry it takes small pages from the pool's blocks, and a block whose 512
// pages are all free again (a split superpage's, or one kalloc took pages
// from) returns to the pool whole, so neither size loses memory to the other.
#pragma once

#include "kernel/types.h"

// Set aside up to want 2 MiB-aligned blocks from the top of [lo, hi), the
// allocator's range (page-aligned, its reference counts already set up).
// Returns where the blocks begin, which is where the 4 KiB free list must
// end: hi if no block was set aside.
uint64 superpool_init(uint64 lo, uint64 hi, uint64 want);

// A block for a superpage, its first page's reference count 1 (a superpage
// is counted through its first page), or NULL if no block is whole.
void *superpool_alloc(void);

// Drop a reference to the superpage at pa (superpool_alloc's); the last one
// puts the block back. A block that is already in the pool panics.
void superpool_free(void *pa);

// For kalloc, whose own list is empty: a small page of one of the pool's
// blocks, preferring a block already cut, or NULL. No reference is taken.
void *superpool_page_alloc(void);

// For kalloc's free path: if pa lies in one of the pool's blocks, keep it
// there (the block returns to the pool once all its pages have) and return
// 1; else 0, and the page is kalloc's.
int superpool_page_free(void *pa);

// Whole blocks in the pool now.
uint64 superpool_nfree(void);

// Free memory the pool holds now, in 4 KiB pages: its whole blocks and the
// free pages of the blocks it cut.
uint64 superpool_free_pages(void);
