// Physical page allocator: a free list of whole 4096-byte pages, threaded
// through the free pages themselves, and a bit per page saying which are on
// it, so that freeing a free page panics. Relies on spinlocks and panic from
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
#include "kernel/mm/superpool.h"
#include "kernel/mm/pagesize.h"

// Junk written into pages as they change hands, so that code reading memory
// it never initialised, or still using a page it freed, sees nonsense quickly.
#define JUNK_ALLOCATED 0x05
#define JUNK_FREED     0x01

// A free page holds nothing but the link to the next free page.
struct freepage {
  struct freepage *next;
};

static struct {
  struct spinlock lock; // guards freelist, nfree and onlist
  struct freepage *freelist;
  uint64 nfree;
  // Bit i is set while page lo + i * PGSIZE is on the free list. A page freed
  // twice would otherwise sit on the list twice and later go to two owners,
  // a corruption that shows up far from its cause (a reference count that
  // lets two sharers both free a page does exactly this). The bits live in
  // the first pages of the range, after the reference counts, sized from
  // the RAM the machine has (kalloc_init).
  uint8 *onlist;
  // [lo, hi) is the range given to kalloc_init; fixed after boot, so read
  // without the lock.
  uint64 lo;
  uint64 hi;
} kmem;

// Mark page pa on the free list (on 1) or off it (on 0); returns whether it
// was on. kmem.lock held.
static int onlist_mark(uint64 pa, int on)
{
  uint64 i = (pa - kmem.lo) / PGSIZE;
  uint8 bit = 1 << (i % 8);
  int was = (kmem.onlist[i / 8] & bit) != 0;
  kmem.onlist[i / 8] = on ? kmem.onlist[i / 8] | bit : kmem.onlist[i / 8] & ~bit;
  return was;
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

// Put a page on the free list; its count is already 0. kmem.lock held.
static void freelist_link(void *pa)
{
  struct freepage *page = pa;

  // A page of the superpage pool's blocks goes back to its block, which
  // checks for a double free itself.
  if (superpool_page_free(pa))
    return;
  if (onlist_mark((uint64)pa, 1)) {
    release(&kmem.lock); // the list is whole: a host test that expects the panic goes on
    panic_freed_twice((uint64)pa);
  }
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
  uint64 first = refcount_init(PGROUNDUP((uint64)start), kmem.hi);
  // A bit for every page from first on: a few more than the allocator will
  // hand out, since the bitmap's own pages come off the front.
  uint64 bytes = (kmem.hi - first) / PGSIZE / 8 + 1;
  kmem.onlist = (uint8 *)first;
  memset(kmem.onlist, 0, bytes);
  kmem.lo = PGROUNDUP(first + bytes);
  // The superpage pool takes whole 2 MiB blocks off the top, as many as the
  // pagesize policy wants (none for 4 KiB pages only); the list gets the rest.
  uint64 top =
      superpool_init(kmem.lo, kmem.hi, pagesize_pool_blocks((kmem.hi - kmem.lo) / SUPERPGSIZE));
  // The pages were never handed out, so they have no references to drop and
  // no stale contents to junk: kalloc junk-fills each page it hands out, and
  // not filling them here keeps boot from writing all of RAM once. One
  // critical section for all of them: under QEMU an acquire and a release
  // cost more than linking a page.
  acquire(&kmem.lock);
  for (uint64 pa = kmem.lo; pa + PGSIZE <= top; pa += PGSIZE)
    freelist_link((void *)pa);
  release(&kmem.lock);
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
  // pa is already on the list; the lock is not needed for a page nobody owns.
  memset((char *)pa + sizeof(struct freepage), JUNK_FREED, PGSIZE - sizeof(struct freepage));
  acquire(&kmem.lock);
  freelist_link(pa);
  release(&kmem.lock);
  kstat_count(KSTAT_PAGE_FREE);
}

// The caller's reference is the only one, so dropping it frees the page.
void kfree(void *pa)
{
  kdrop(pa);
}

void *kalloc(void)
{
  acquire(&kmem.lock);
  struct freepage *page = kmem.freelist;
  if (page != NULL) {
    kmem.freelist = page->next;
    kmem.nfree--;
    onlist_mark((uint64)page, 0);
  } else {
    // The list is dry: a page of one of the superpage pool's blocks.
    page = superpool_page_alloc();
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
  // The pool's free memory is kalloc's too, when its own list runs dry.
  return n + superpool_free_pages();
}
