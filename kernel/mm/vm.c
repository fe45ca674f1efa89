// Sv39 page tables: walking, mapping and unmapping, and the user
// address-space operations built on them. Pure logic over kalloc'd pages, so
// it compiles on the host; flushing the TLB is the caller's job (kernel/arch).
#include <stddef.h>
#include "kernel/types.h"
#include "kernel/riscv.h"
#include "kernel/memlayout.h"
#include "kernel/lib/printf.h"
#include "kernel/lib/spinlock.h"
#include "kernel/lib/string.h"
#include "kernel/mm/kalloc.h"
#include "kernel/mm/vm.h"

// A valid PTE with any of R, W, X is a leaf; with none it points to the
// next level of the table (RISC-V privileged spec, 4.3.2).
#define PTE_LEAF_BITS (PTE_R | PTE_W | PTE_X)

// A zeroed page to use as a page-table page, or NULL.
static pagetable_t pagetable_page(void)
{
  pagetable_t pt = kalloc();
  if (pt != NULL)
    memset(pt, 0, PGSIZE);
  return pt;
}

pte_t *walk(pagetable_t pt, uint64 va, int alloc)
{
  if (va >= MAXVA)
    return NULL;

  // Levels 2 and 1 hold pointers to the next table; level 0 holds leaves.
  for (int level = 2; level > 0; level--) {
    pte_t *pte = &pt[PX(level, va)];
    if (*pte & PTE_V) {
      pt = (pagetable_t)PTE2PA(*pte);
      continue;
    }
    if (!alloc)
      return NULL;
    pagetable_t next = pagetable_page();
    if (next == NULL)
      return NULL;
    *pte = PA2PTE(next) | PTE_V;
    pt = next;
  }
  return &pt[PX(0, va)];
}

pte_t *uvm_user_pte(pagetable_t pt, uint64 va)
{
  pte_t *pte = walk(pt, va, 0);
  // The kernel looks up user addresses only on behalf of user code, so a
  // page the user could not touch itself (the stack guard) does not count.
  if (pte == NULL || (*pte & PTE_V) == 0 || (*pte & PTE_U) == 0)
    return NULL;
  return pte;
}

uint64 walkaddr(pagetable_t pt, uint64 va)
{
  pte_t *pte = uvm_user_pte(pt, va);
  return pte == NULL ? 0 : PTE2PA(*pte);
}

int mappages(pagetable_t pt, uint64 va, uint64 size, uint64 pa, int perm)
{
  if (va % PGSIZE != 0 || size % PGSIZE != 0 || pa % PGSIZE != 0)
    panic("mappages: unaligned range");

  for (uint64 off = 0; off < size; off += PGSIZE) {
    pte_t *pte = walk(pt, va + off, 1);
    if (pte == NULL) {
      // Leave the table as it was; the page-table pages already allocated
      // stay, empty, and are freed with the table.
      uvmunmap(pt, va, off / PGSIZE, 0);
      return -1;
    }
    if (*pte & PTE_V)
      panic("mappages: remap");
    *pte = PA2PTE(pa + off) | perm | PTE_V;
  }
  return 0;
}

void uvmunmap(pagetable_t pt, uint64 va, uint64 npages, int do_free)
{
  if (va % PGSIZE != 0)
    panic("uvmunmap: unaligned va");

  // One walk per leaf page table: the entries of the pages up to the next
  // UVM_BATCH_SPAN boundary follow the first one in the same table.
  uint64 end = va + npages * PGSIZE;
  for (uint64 a = va, stop; a < end; a = stop) {
    stop = (a / UVM_BATCH_SPAN + 1) * UVM_BATCH_SPAN;
    if (stop > end)
      stop = end;
    pte_t *pte = walk(pt, a, 0);
    if (pte == NULL)
      continue; // no leaf table: nothing mapped up to stop
    for (; a < stop; a += PGSIZE, pte++) {
      // A hole is a page the ucow page calls unmapped (proc/syspage.c).
      if ((*pte & PTE_V) == 0)
        continue;
      if ((*pte & PTE_LEAF_BITS) == 0)
        panic("uvmunmap: not a leaf");
      if (do_free)
        kdrop((void *)PTE2PA(*pte));
      *pte = 0;
    }
  }
}

pagetable_t uvmcreate(void)
{
  return pagetable_page();
}

uint64 uvmalloc(pagetable_t pt, uint64 oldsz, uint64 newsz, int xperm)
{
  if (newsz <= oldsz)
    return oldsz;
  // User memory must stay below the trapframe; a bigger request is the
  // user's mistake (sbrk), not the kernel's.
  if (newsz > TRAPFRAME)
    return 0;

  for (uint64 a = PGROUNDUP(oldsz); a < newsz; a += PGSIZE) {
    void *mem = kalloc();
    if (mem == NULL) {
      uvmdealloc(pt, a, oldsz);
      return 0;
    }
    memset(mem, 0, PGSIZE);
    if (mappages(pt, a, PGSIZE, (uint64)mem, PTE_R | PTE_U | xperm) != 0) {
      kfree(mem);
      uvmdealloc(pt, a, oldsz);
      return 0;
    }
  }
  return newsz;
}

uint64 uvmdealloc(pagetable_t pt, uint64 oldsz, uint64 newsz)
{
  if (newsz >= oldsz)
    return oldsz;

  // Only whole pages past the new end go; the page holding newsz stays.
  uint64 first = PGROUNDUP(newsz);
  uint64 limit = PGROUNDUP(oldsz);
  if (first < limit)
    uvmunmap(pt, first, (limit - first) / PGSIZE, 1);
  return newsz;
}

void freewalk(pagetable_t pt)
{
  for (int i = 0; i < 512; i++) {
    pte_t pte = pt[i];
    if ((pte & PTE_V) == 0)
      continue;
    if (pte & PTE_LEAF_BITS)
      panic("freewalk: leaf still mapped");
    freewalk((pagetable_t)PTE2PA(pte));
    pt[i] = 0;
  }
  kfree(pt);
}

void uvmfree(pagetable_t pt, uint64 sz)
{
  // A whole address space goes at once (exit, a failed exec): a leaf page
  // table's worth at a time with interrupts off, so that kfree's locks do
  // not turn them off and on for every page (UVM_BATCH_SPAN).
  for (uint64 va = 0; va < PGROUNDUP(sz); va += UVM_BATCH_SPAN) {
    uint64 end = va + UVM_BATCH_SPAN < PGROUNDUP(sz) ? va + UVM_BATCH_SPAN : PGROUNDUP(sz);
    push_off();
    uvmunmap(pt, va, (end - va) / PGSIZE, 1);
    pop_off();
  }
  freewalk(pt);
}

void uvmclear(pagetable_t pt, uint64 va)
{
  pte_t *pte = walk(pt, va, 0);
  if (pte == NULL || (*pte & PTE_V) == 0)
    panic("uvmclear: not mapped");
  *pte &= ~PTE_U;
}
