// Physical page allocator: whole 4096-byte pages, kept on free lists threaded
// through the free pages themselves (how many lists and locks is the alloc
// mechanism's policy, mm/alloc/), and a bit per page saying which are free,
// so that freeing a free page panics. Relies on panic from kernel/lib, the
// page reference counts (refcount.h) and the kstat counters; compiles on the
// host too, where an arena stands in for RAM.
#include <stddef.h>
#include "kernel/types.h"
#include "kernel/riscv.h"
#include "kernel/lib/printf.h"
#include "kernel/lib/string.h"
#include "kernel/mm/kalloc.h"
#include "kernel/mm/alloc.h"
#include "kernel/mm/counters.h"
#include "kernel/mm/refcount.h"
#include "kernel/mm/superpool.h"
#include "kernel/mm/pagesize.h"

// Junk written into pages as they change hands, so that code reading memory
// it never initialised, or still using a page it freed, sees nonsense quickly.
#define JUNK_ALLOCATED 0x05
#define JUNK_FREED     0x01

static struct {
  // Bit i is set while page lo + i * PGSIZE is on a free list. A page freed
  // twice would otherwise sit on a list twice and later go to two owners,
  // a corruption that shows up far from its cause (a reference count that
  // lets two sharers both free a page does exactly this). The bits live in
  // the first pages of the range, after the reference counts, sized from
  // the RAM the machine has (kalloc_init). They are set and cleared with
  // atomics, so they need no lock whatever the free lists' scheme.
  uint32 *onlist;
  // [lo, hi) is the range given to kalloc_init; fixed after boot, so read
  // without a lock.
  uint64 lo;
  uint64 hi;
} kmem;

// Mark page pa on a free list (on 1) or off it (on 0); returns whether it
// was on.
static int onlist_mark(uint64 pa, int on)
{
  // Words of 32 bits: RISC-V's atomic instructions work on words, not bytes.
  uint64 i = (pa - kmem.lo) / PGSIZE;
  uint32 bit = 1u << (i % 32);
  uint32 old = on ? __atomic_fetch_or(&kmem.onlist[i / 32], bit, __ATOMIC_RELAXED)
                  : __atomic_fetch_and(&kmem.onlist[i / 32], ~bit, __ATOMIC_RELAXED);
  return (old & bit) != 0;
}

// panic() takes no format, and the page's address is what a reader of the
// console needs to find who freed it. This panic and the two in kdrop say
// "kfree", the name xv6 readers know, whichever call let the page go.
static void __attribute__((noreturn)) panic_freed_twice(uint64 pa)
{
  static char msg[] = "kfree: page 0x0000000000000000 freed twice";
  char *digit = msg + sizeof("kfree: page 0x") - 1;
  for (int shift = 60; shift >= 0; shift -= 4)
    *digit++ = "0123456789abcdef"[(pa >> shift) & 0xf];
  panic(msg);
}

void kalloc_init(void *start, void *end)
{
  alloc_lists_init();
  kmem.hi = PGROUNDDOWN((uint64)end);
  uint64 first = refcount_init(PGROUNDUP((uint64)start), kmem.hi);
  // A bit for every page from first on: a few more than the allocator will
  // hand out, since the bitmap's own pages come off the front.
  uint64 bytes = ((kmem.hi - first) / PGSIZE / 32 + 1) * sizeof(uint32);
  kmem.onlist = (uint32 *)first;
  memset(kmem.onlist, 0, bytes);
  kmem.lo = PGROUNDUP(first + bytes);
  // The superpage pool takes whole 2 MiB blocks off the top, as many as the
  // pagesize policy wants (none for 4 KiB pages only); the lists get the rest.
  uint64 top =
      superpool_init(kmem.lo, kmem.hi, pagesize_pool_blocks((kmem.hi - kmem.lo) / SUPERPGSIZE));
  // The pages were never handed out, so they have no references to drop and
  // no stale contents to junk: kalloc junk-fills each page it hands out, and
  // not filling them here keeps boot from writing all of RAM once.
  for (uint64 pa = kmem.lo; pa + PGSIZE <= top; pa += PGSIZE)
    onlist_mark(pa, 1);
  alloc_lists_fill(kmem.lo, top);
}

void kdrop(void *pa)
{
  uint64 a = (uint64)pa;

  // Only the kernel lets go of pages, and only of pages it got from kalloc:
  // anything else means kernel memory bookkeeping is already corrupt.
  if (a % PGSIZE != 0)
    panic("kfree: page not aligned");
  if (a < kmem.lo || a >= kmem.hi)
    panic("kfree: page outside the allocator's range");

  // A page shared copy-on-write goes back only when its last user lets go.
  if (!refcount_dec(a))
    return;
  // Junk all but the link word, which is still another free page's link if
  // pa is already on a list (the list stays whole for a host test that
  // expects the panic and goes on); no lock is needed for a page nobody owns.
  memset((char *)pa + sizeof(struct freepage), JUNK_FREED, PGSIZE - sizeof(struct freepage));
  // A page of one of the superpage pool's blocks goes back to its block,
  // which catches a page freed twice itself.
  if (!superpool_page_free(pa)) {
    if (onlist_mark(a, 1))
      panic_freed_twice(a);
    alloc_put(pa);
  }
  kstat_count(KSTAT_PAGE_FREE);
}

// The caller's reference is the only one, so dropping it frees the page.
void kfree(void *pa)
{
  kdrop(pa);
}

void *kalloc(void)
{
  struct freepage *page = alloc_get();
  if (page != NULL)
    onlist_mark((uint64)page, 0);
  else
    page = superpool_page_alloc(); // the lists are dry: a page of a pool block
  if (page != NULL) {
    refcount_new((uint64)page);
    kstat_count(KSTAT_PAGE_ALLOC);
    memset(page, JUNK_ALLOCATED, PGSIZE);
  }
  return page;
}

uint64 kalloc_nfree(void)
{
  // The pool's free memory is kalloc's too, when its own lists run dry.
  return alloc_count() + superpool_free_pages();
}
