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
#include "kernel/mm/counters.h"
#include "kernel/mm/pagesize.h"
#include "kernel/mm/vm.h"
#include "kernel/mm/superpage.h"

// A zeroed page to use as a page-table page, or NULL.
pagetable_t pagetable_alloc(void)
{
  pagetable_t pt = kalloc();
  if (pt != NULL) {
    memset(pt, 0, PGSIZE);
    kstat_count(KSTAT_PTPAGE_ALLOC);
  }
  return pt;
}

// The walk behind walk() and walk_level(): levels 2 and 1 hold pointers to
// the next table, level 0 holds leaves, except that a leaf met on level 1 is
// a superpage and ends the walk there (*level says which).
static pte_t *walk_from(pagetable_t pt, uint64 va, int alloc, int *level)
{
  if (va >= MAXVA)
    return NULL;

  for (int l = 2; l > 0; l--) {
    pte_t *pte = &pt[PX(l, va)];
    if ((*pte & PTE_V) && (*pte & PTE_LEAF_BITS)) {
      *level = l;
      return pte;
    }
    if (*pte & PTE_V) {
      pt = (pagetable_t)PTE2PA(*pte);
      continue;
    }
    if (!alloc)
      return NULL;
    pagetable_t next = pagetable_alloc();
    if (next == NULL)
      return NULL;
    *pte = PA2PTE(next) | PTE_V;
    pt = next;
  }
  *level = 0;
  return &pt[PX(0, va)];
}

pte_t *walk(pagetable_t pt, uint64 va, int alloc)
{
  int level;
  return walk_from(pt, va, alloc, &level);
}

pte_t *walk_level(pagetable_t pt, uint64 va, int *level)
{
  return walk_from(pt, va, 0, level);
}

uint64 uvm_page_pa(pagetable_t pt, uint64 va, const pte_t *pte)
{
  // The entry is a superpage's if it sits in the level-1 table of va; a
  // level-0 entry lives in another page, so one comparison tells them apart
  // without walking again.
  pte_t top = pt[PX(2, va)];
  if ((top & PTE_V) && (top & PTE_LEAF_BITS) == 0 && pte == &((pagetable_t)PTE2PA(top))[PX(1, va)])
    return PTE2PA(*pte) + (va & (SUPERPGSIZE - 1) & ~(uint64)(PGSIZE - 1));
  return PTE2PA(*pte);
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
  return pte == NULL ? 0 : uvm_page_pa(pt, va, pte);
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
    int level;
    pte_t *pte = walk_level(pt, a, &level);
    if (pte == NULL)
      continue; // no leaf table: nothing mapped up to stop
    if (level > 0) {
      // A superpage goes whole; uvmdealloc splits one that a new break
      // cuts through before it gets here.
      if (a % SUPERPGSIZE != 0 || stop - a != SUPERPGSIZE)
        panic("uvmunmap: part of a superpage");
      pagesize_unmap(pte, do_free);
      continue;
    }
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
  return pagetable_alloc();
}

// Map one zeroed 4 KiB page at a. 0, or -1 with nothing mapped.
static int grow_page(pagetable_t pt, uint64 a, int perm)
{
  void *mem = kalloc();
  if (mem == NULL)
    return -1;
  memset(mem, 0, PGSIZE);
  if (mappages(pt, a, PGSIZE, (uint64)mem, perm) != 0) {
    kfree(mem);
    return -1;
  }
  return 0;
}

uint64 uvmalloc(pagetable_t pt, uint64 oldsz, uint64 newsz, int xperm)
{
  if (newsz <= oldsz)
    return oldsz;
  // User memory must stay below the USYSCALL page; a bigger request is the
  // user's mistake (sbrk), not the kernel's.
  if (newsz > USYSCALL)
    return 0;

  int perm = PTE_R | PTE_U | xperm;
  for (uint64 a = PGROUNDUP(oldsz); a < newsz;) {
    // A whole aligned 2 MiB inside the new memory may be one superpage, if
    // the pagesize policy maps them; otherwise it is 512 small pages.
    if (a % SUPERPGSIZE == 0 && newsz - a >= SUPERPGSIZE && pagesize_grow(pt, a, perm) == 0) {
      a += SUPERPGSIZE;
      continue;
    }
    if (grow_page(pt, a, perm) != 0) {
      uvmdealloc(pt, a, oldsz);
      return 0;
    }
    a += PGSIZE;
  }
  return newsz;
}

uint64 uvmdealloc(pagetable_t pt, uint64 oldsz, uint64 newsz)
{
  if (newsz >= oldsz)
    return oldsz;

  // Only whole pages past the new end go; the page holding newsz stays. If
  // that end cuts through a superpage, the superpage becomes 512 small pages
  // first, which needs a page-table page: without one nothing changes.
  uint64 first = PGROUNDUP(newsz);
  uint64 limit = PGROUNDUP(oldsz);
  if (first < limit && first % SUPERPGSIZE != 0 && superpage_split(pt, first) != 0)
    return oldsz;
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
