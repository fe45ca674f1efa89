// Superpages (pagesize=super): an aligned 2 MiB that sbrk or exec grow a
// process over is one level-1 leaf, from the pool of 2 MiB blocks.
// Policy: half of RAM's blocks wait in the pool (kalloc takes small pages
// from them when its own run out); fork gives the child a superpage of its
// own, copied, or 512 small pages if the pool is empty; unmapping returns
// the block to the pool.
//
// STARTER: the pool is kept, but no superpage is ever made, so vm.c maps
// small pages everywhere. kernel/mm/pagesize.h says what each function must
// do; the pool is kernel/mm/superpool.h, the table operations yours, in
// kernel/mm/superpage.c.
#include <stddef.h>
#include "kernel/types.h"
#include "kernel/riscv.h"
#include "kernel/lib/printf.h"
#include "kernel/lib/string.h"
#include "kernel/mm/superpage.h"
#include "kernel/mm/superpool.h"
#include "kernel/mm/pagesize.h"

uint64 pagesize_pool_blocks(uint64 nblocks)
{
  return nblocks / 2;
}

int pagesize_grow(pagetable_t pt, uint64 va, int perm)
{
  // TODO: a zeroed block from the pool, installed at va.
  (void)pt;
  (void)va;
  (void)perm;
  return -1;
}

int pagesize_fork(const pte_t *pte, pagetable_t child, uint64 va)
{
  // TODO: the child's own copy of the superpage.
  (void)pte;
  (void)child;
  (void)va;
  panic("pagesize_fork: not written yet");
}

void pagesize_unmap(pte_t *pte, int do_free)
{
  // TODO: give the block back to the pool if do_free.
  (void)do_free;
  *pte = 0;
}
