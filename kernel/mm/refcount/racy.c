// BROKEN ON PURPOSE (refcount=racy). lock.c, except that refcount_dec reads
// the count again after releasing the lock to decide whether it was the last.
// Symptom, only sometimes: two sharers dropping together both see 0 and free
// the page twice, and kfree panics "page 0x... freed twice" (cowtest race).
#include "kernel/types.h"
#include "kernel/riscv.h"
#include "kernel/lib/spinlock.h"
#include "kernel/lib/printf.h"
#include "kernel/mm/refcount.h"
#include "rvlab_config.h"

// MAX_PAGES, refs and slot() are repeated in each sibling so `diff -u` shows only the policy.

// The allocator never manages more than the machine's RAM.
#define MAX_PAGES ((uint64)RVLAB_RAM_MIB * 1024 * 1024 / PGSIZE)

static struct {
  struct spinlock lock; // guards count[]
  int count[MAX_PAGES];
  // The first page and the number of pages counted; fixed by refcount_init.
  uint64 base;
  uint64 npages;
} refs;

void refcount_init(uint64 pa_start, uint64 pa_end)
{
  initlock(&refs.lock, "refcount");
  refs.base = pa_start;
  refs.npages = (pa_end - pa_start) / PGSIZE;
  if (refs.npages > MAX_PAGES)
    panic("refcount_init: more pages than RAM");
  for (uint64 i = 0; i < refs.npages; i++)
    refs.count[i] = 0;
}

// The count of the page at pa. Only kalloc'd pages are counted, so any other
// address is a kernel bug.
static int *slot(uint64 pa)
{
  if (pa % PGSIZE != 0 || pa < refs.base || pa >= refs.base + refs.npages * PGSIZE)
    panic("refcount: not an allocator page");
  return &refs.count[(pa - refs.base) / PGSIZE];
}

void refcount_new(uint64 pa)
{
  int *count = slot(pa);
  acquire(&refs.lock);
  *count = 1;
  release(&refs.lock);
}

void refcount_inc(uint64 pa)
{
  int *count = slot(pa);
  acquire(&refs.lock);
  if (*count <= 0)
    panic("refcount_inc: page not in use");
  *count += 1;
  release(&refs.lock);
}

int refcount_dec(uint64 pa)
{
  int *count = slot(pa);
  acquire(&refs.lock);
  if (*count <= 0)
    panic("refcount_dec: page not in use");
  *count -= 1;
  release(&refs.lock);
  return *count == 0;
}

int refcount_get(uint64 pa)
{
  int *count = slot(pa);
  acquire(&refs.lock);
  int n = *count;
  release(&refs.lock);
  return n;
}
