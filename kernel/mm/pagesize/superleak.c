// BROKEN ON PURPOSE (pagesize=superleak): pagesize/super.c, except that an
// unmapped superpage is freed as if it were one 4 KiB page: kfree takes its
// first page and the other 511 are never free again.
// Symptom: every superpage a process drops loses 2 MiB less 4 KiB; free
// memory after a big sbrk and exit is lower than before, and enough runs
// exhaust the machine.
#include <stddef.h>
#include "kernel/types.h"
#include "kernel/riscv.h"
#include "kernel/lib/string.h"
#include "kernel/mm/kalloc.h"
#include "kernel/mm/superpage.h"
#include "kernel/mm/superpool.h"
#include "kernel/mm/pagesize.h"

uint64 pagesize_pool_blocks(uint64 nblocks)
{
  return nblocks / 2;
}

int pagesize_grow(pagetable_t pt, uint64 va, int perm)
{
  void *block = superpool_alloc();
  if (block == NULL)
    return -1;
  memset(block, 0, SUPERPGSIZE);
  if (superpage_install(pt, va, (uint64)block, perm) != 0) {
    superpool_free(block);
    return -1;
  }
  return 0;
}

// Copy a 2 MiB block a chunk at a time through a buffer on the stack.
// Source and destination are both 2 MiB aligned, so under QEMU the page of
// each word read and the page of each word written share a slot of its
// direct-mapped software TLB: a plain memmove refilled that slot on every
// access and made fork three times slower than copying small pages.
static void copy_block(char *dst, const char *src)
{
  uint64 chunk[64];
  for (uint64 off = 0; off < SUPERPGSIZE; off += sizeof(chunk)) {
    memmove(chunk, src + off, sizeof(chunk));
    memmove(dst + off, chunk, sizeof(chunk));
  }
}

int pagesize_fork(const pte_t *pte, pagetable_t child, uint64 va)
{
  uint64 pa = PTE2PA(*pte);
  void *block = superpool_alloc();
  if (block == NULL)
    return superpage_copy_small(pa, PTE_FLAGS(*pte), child, va);
  copy_block(block, (char *)pa);
  if (superpage_install(child, va, (uint64)block, PTE_FLAGS(*pte) & ~PTE_V) != 0) {
    superpool_free(block);
    return -1;
  }
  return 0;
}

void pagesize_unmap(pte_t *pte, int do_free)
{
  if (do_free)
    kfree((void *)PTE2PA(*pte));
  *pte = 0;
}
