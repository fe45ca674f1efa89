// Copy-on-write: sharing pages at fork and copying them on the first store.
// Relies on vm.c for page-table walks, kalloc.c and the refcount sibling for
// page ownership, arch/tlb.c to drop stale translations, and kstat counters.
#include <stddef.h>
#include "kernel/types.h"
#include "kernel/riscv.h"
#include "kernel/lib/printf.h"
#include "kernel/lib/string.h"
#include "kernel/lib/spinlock.h"
#include "kernel/arch/tlb.h"
#include "kernel/mm/kalloc.h"
#include "kernel/mm/vm.h"
#include "kernel/mm/refcount.h"
#include "kernel/mm/counters.h"
#include "kernel/mm/cow.h"

// Share the page *from maps (an entry of the parent's table) through *to,
// the child's entry for the same address, and take a reference to it. A
// writable page loses PTE_W and gains PTE_COW in both tables; a read-only
// page (text) is shared as it is. An invalid *from is a hole: exec and sbrk
// map [0, sz) in full, but the ucow page calls may have unmapped a page
// since (proc/syspage.c), and the child gets the same hole.
static void share_pte(pte_t *from, pte_t *to)
{
  if ((*from & PTE_V) == 0)
    return;
  if (*to & PTE_V)
    panic("cow_share_range: child page already mapped");

  uint64 pa = PTE2PA(*from);
  uint64 flags = PTE_FLAGS(*from);
  // Only pages the owner could write need copying later; text stays plain
  // read-only, so a store to it is still a real fault.
  if (flags & PTE_W)
    flags = (flags & ~PTE_W) | PTE_COW;
  refcount_inc(pa);
  *to = PA2PTE(pa) | flags;
  *from = PA2PTE(pa) | flags;
}

// A leaf page table at a time: one walk in each address space finds the
// entries of 512 pages (UVM_BATCH_SPAN, 2 MiB), which lie side by side in
// the leaf table, instead of a walk for every page. Interrupts stay off for
// the span, so that a refcount scheme with a lock does not turn them off
// and on for every page; a timer tick waits at most that long.
int cow_share_range(pagetable_t parent, pagetable_t child, uint64 sz)
{
  for (uint64 va = 0; va < sz; va += UVM_BATCH_SPAN) {
    uint64 end = va + UVM_BATCH_SPAN < sz ? va + UVM_BATCH_SPAN : PGROUNDUP(sz);
    int level;
    pte_t *from = walk_level(parent, va, &level);
    if (from == NULL)
      continue; // no leaf table: nothing mapped in this span
    // The build pairs copy-on-write fork only with pagesize=small
    // (docs/labs/pgtbl.md says why), so a superpage here is a kernel bug.
    if (level > 0)
      panic("cow_share_range: a superpage");
    pte_t *to = walk(child, va, 1);
    if (to == NULL) {
      // The child's table could not grow. Dropping the child's references
      // leaves the parent the only owner of each page again; its next store
      // there reuses the page uncopied.
      uvmunmap(child, 0, va / PGSIZE, 1);
      tlb_flush_user(parent);
      return -1;
    }
    push_off();
    for (uint64 i = 0; i < (end - va) / PGSIZE; i++)
      share_pte(&from[i], &to[i]);
    pop_off();
  }
  // One fence for the whole address space, not one per page marked COW.
  tlb_flush_user(parent);
  return 0;
}

// Point *pte at a private copy of the page it maps. 0, or -1 if out of
// memory, in which case nothing changed.
static int copy_shared(pagetable_t pt, uint64 va, pte_t *pte, uint64 flags)
{
  uint64 old = PTE2PA(*pte);
  void *mem = kalloc();
  if (mem == NULL)
    return -1;
  memmove(mem, (void *)old, PGSIZE);
  *pte = PA2PTE(mem) | flags;
  // No translation of the old page may survive it being freed.
  tlb_flush_page(pt, va);
  kdrop((void *)old);
  return 0;
}

int cow_resolve(pagetable_t pt, uint64 va, pte_t *pte)
{
  va = PGROUNDDOWN(va);
  kstat_count(KSTAT_COW_FAULT);

  uint64 pa = PTE2PA(*pte);
  uint64 flags = (PTE_FLAGS(*pte) & ~PTE_COW) | PTE_W;
  // A count of 1 cannot grow under us: only a page table holding the page
  // can share it further, and that is pt, whose process is here.
  if (refcount_get(pa) == 1) {
    *pte = PA2PTE(pa) | flags;
    tlb_flush_page(pt, va);
    kstat_count(KSTAT_COW_REUSE);
    return 0;
  }
  if (copy_shared(pt, va, pte, flags) != 0) {
    // Copy-on-write promised memory fork never reserved; say why the store
    // that needed it now kills its process.
    printf("cow: no free page to copy 0x%lx\n", va);
    return -1;
  }
  kstat_count(KSTAT_COW_COPY);
  return 0;
}
