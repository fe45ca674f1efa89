// Eager fork: the child gets its own copy of every parent page at fork time.
// Policy: nothing is ever shared, so fork costs a page copy per page (or a
// superpage copy per superpage) and a store fault is never fork's business.
// Relies on vm.c for walks and mapping, the pagesize policy for superpages.
#include <stddef.h>
#include "kernel/types.h"
#include "kernel/riscv.h"
#include "kernel/lib/printf.h"
#include "kernel/lib/string.h"
#include "kernel/mm/kalloc.h"
#include "kernel/mm/vm.h"
#include "kernel/mm/fork.h"
#include "kernel/mm/cow.h"
#include "kernel/mm/pagesize.h"

// Give the child a private copy of the parent page whose entry is pte (from
// walk(), NULL if va's leaf table is missing), mapped at va with the same
// permissions (the stack guard page keeps its missing PTE_U). 0 or -1.
static int copy_page(pte_t *pte, pagetable_t child, uint64 va)
{
  // exec and sbrk map [0, sz) in full, but the ucow page calls may have
  // unmapped a page since (proc/syspage.c): the child gets the same hole.
  if (pte == NULL || (*pte & PTE_V) == 0)
    return 0;

  void *mem = kalloc();
  if (mem == NULL)
    return -1;
  memmove(mem, (void *)PTE2PA(*pte), PGSIZE);
  // A page the ucow lab's user-level fork shares copy-on-write (PTE_COW,
  // proc/syspage.c) is writable in all but name; the child's private copy
  // is plainly writable, since the child inherits no handler to fix it.
  uint64 flags = PTE_FLAGS(*pte);
  if (flags & PTE_COW)
    flags = (flags & ~PTE_COW) | PTE_W;
  if (mappages(child, va, PGSIZE, (uint64)mem, flags) != 0) {
    kfree(mem);
    return -1;
  }
  return 0;
}

// Give the child what the parent maps at va: a page, or a whole superpage,
// which the pagesize policy copies (mm/pagesize.h). The bytes covered, or 0
// if memory ran out.
static uint64 copy_leaf(pagetable_t parent, pagetable_t child, uint64 va)
{
  int level;
  pte_t *pte = walk_level(parent, va, &level);
  if (pte != NULL && level > 0)
    return pagesize_fork(pte, child, va) == 0 ? SUPERPGSIZE : 0;
  return copy_page(pte, child, va) == 0 ? PGSIZE : 0;
}

int fork_copy_mm(pagetable_t parent, pagetable_t child, uint64 sz)
{
  for (uint64 va = 0, step; va < sz; va += step) {
    step = copy_leaf(parent, child, va);
    if (step == 0) {
      uvmunmap(child, 0, va / PGSIZE, 1);
      return -1;
    }
  }
  return 0;
}

int fork_fault(pagetable_t pt, uint64 va, pte_t *pte)
{
  // Every page is private, so a store fault is a genuine access violation.
  (void)pt;
  (void)va;
  (void)pte;
  return -1;
}
