// Physical page allocator: a free list of whole 4096-byte pages, threaded
// through the free pages themselves. Relies on spinlocks and panic from
// kernel/lib, the page reference counts (refcount.h) and the kstat counters;
// compiles on the host too, where an arena stands in for RAM.
#include <stddef.h>
#include "kernel/types.h"
#include "kernel/riscv.h"
#include "kernel/lib/spinlock.h"
#include "kernel/lib/printf.h"
#include "kernel/lib/string.h"
#include "kernel/mm/kalloc.h"
#include "kernel/mm/counters.h"
#include "kernel/mm/refcount.h"

// Junk written into pages as they change hands, so that code reading memory
// it never initialised, or still using a page it freed, sees nonsense quickly.
#define JUNK_ALLOCATED 0x05
#define JUNK_FREED     0x01

// A free page holds nothing but the link to the next free page.
struct freepage {
  struct freepage *next;
};

static struct {
  struct spinlock lock; // guards freelist and nfree
  struct freepage *freelist;
  uint64 nfree;
  // [lo, hi) is the range given to kalloc_init; fixed after boot, so read
  // without the lock.
  uint64 lo;
  uint64 hi;
} kmem;

// Put a page on the free list; its count is already 0. The caller holds
// kmem.lock.
static void freelist_link(void *pa)
{
  struct freepage *page = pa;

  page->next = kmem.freelist;
  kmem.freelist = page;
  kmem.nfree++;
}

void kalloc_init(void *start, void *end)
{
  initlock(&kmem.lock, "kmem");
  kmem.freelist = NULL;
  kmem.nfree = 0;
  kmem.hi = PGROUNDDOWN((uint64)end);
  kmem.lo = refcount_init(PGROUNDUP((uint64)start), kmem.hi);
  // The pages were never handed out, so they have no references to drop and
  // no stale contents to junk: kalloc junk-fills each page it hands out, and
  // not filling them here keeps boot from writing all of RAM once.
  // One critical section for all of them: each acquire and release costs
  // more under QEMU than linking a page.
  acquire(&kmem.lock);
  for (uint64 pa = kmem.lo; pa + PGSIZE <= kmem.hi; pa += PGSIZE)
    freelist_link((void *)pa);
  release(&kmem.lock);
}

void kfree(void *pa)
{
  uint64 a = (uint64)pa;

  // Only the kernel calls kfree, with pages it got from kalloc: anything
  // else means kernel memory bookkeeping is already corrupt.
  if (a % PGSIZE != 0)
    panic("kfree: page not aligned");
  if (a < kmem.lo || a >= kmem.hi)
    panic("kfree: page outside the allocator's range");

  // A page shared copy-on-write goes back only when its last user lets go.
  if (!refcount_dec(a))
    return;
  memset(pa, JUNK_FREED, PGSIZE); // a use after free now reads junk
  acquire(&kmem.lock);
  freelist_link(pa);
  release(&kmem.lock);
  kstat_count(KSTAT_PAGE_FREE);
}

void *kalloc(void)
{
  acquire(&kmem.lock);
  struct freepage *page = kmem.freelist;
  if (page != NULL) {
    kmem.freelist = page->next;
    kmem.nfree--;
  }
  release(&kmem.lock);

  if (page != NULL) {
    refcount_new((uint64)page);
    kstat_count(KSTAT_PAGE_ALLOC);
    memset(page, JUNK_ALLOCATED, PGSIZE);
  }
  return page;
}

uint64 kalloc_nfree(void)
{
  acquire(&kmem.lock);
  uint64 n = kmem.nfree;
  release(&kmem.lock);
  return n;
}
