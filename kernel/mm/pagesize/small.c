// 4 KiB pages only (pagesize=small, the base sibling): every kernel that is
// not the pgtbl lab's maps user memory a small page at a time, as xv6 does.
// Policy: the pool keeps no blocks and no superpage is ever made, so fork
// and unmap never meet one.
#include "kernel/types.h"
#include "kernel/riscv.h"
#include "kernel/lib/printf.h"
#include "kernel/mm/pagesize.h"

uint64 pagesize_pool_blocks(uint64 nblocks)
{
  (void)nblocks;
  return 0;
}

int pagesize_grow(pagetable_t pt, uint64 va, int perm)
{
  (void)pt;
  (void)va;
  (void)perm;
  return -1;
}

int pagesize_fork(const pte_t *pte, pagetable_t child, uint64 va)
{
  (void)pte;
  (void)child;
  (void)va;
  panic("pagesize_fork: a superpage in a kernel that makes none");
}

void pagesize_unmap(pte_t *pte, int do_free)
{
  (void)pte;
  (void)do_free;
  panic("pagesize_unmap: a superpage in a kernel that makes none");
}
