// Which page sizes user memory gets: 4 KiB pages only, or superpages (2 MiB)
// wherever sbrk or exec grow a process over a whole aligned 2 MiB. Exactly
// one sibling in mm/pagesize/ is compiled into a kernel; Meson picks it
// (meson_options.txt: pagesize). The table operations they share are in
// mm/superpage.h, the 2 MiB blocks in mm/superpool.h.
#pragma once

#include "kernel/types.h"
#include "kernel/riscv.h"

// Of the nblocks whole 2 MiB blocks the allocator's range holds, how many
// the superpage pool sets aside at boot (kalloc_init).
uint64 pagesize_pool_blocks(uint64 nblocks);

// Map a zeroed superpage at va (2 MiB aligned) in pt with PTE bits perm.
// 0, or -1 if this policy maps no superpages or none can be had: the caller
// maps small pages instead.
int pagesize_grow(pagetable_t pt, uint64 va, int perm);

// Eager fork met the superpage leaf *pte at va of the parent: give child the
// memory it maps, at va. 0, or -1 with nothing new mapped in child.
int pagesize_fork(const pte_t *pte, pagetable_t child, uint64 va);

// Unmap the superpage whose leaf is *pte, and free its memory if do_free.
void pagesize_unmap(pte_t *pte, int do_free);
