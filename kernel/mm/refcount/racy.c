// BROKEN ON PURPOSE (refcount=racy). lock.c, except that refcount_dec reads
// the count again after releasing the lock to decide whether it was the last.
// Symptom, only sometimes: two sharers dropping together both see 0 and free
// the page twice, and kfree panics "page 0x... freed twice" (cowtest race).
#include "kernel/types.h"
#include "kernel/riscv.h"
#include "kernel/lib/spinlock.h"
#include "kernel/lib/printf.h"
#include "kernel/mm/refcount.h"

// refs, refcount_init and slot() are repeated in each sibling so `diff -u` shows only the policy.

static struct {
  struct spinlock lock; // guards count[]
  int *count;           // one per page, in the range's first pages (refcount_init)
  // The first page and the number of pages counted; fixed by refcount_init.
  uint64 base;
  uint64 npages;
} refs;

uint64 refcount_init(uint64 pa_start, uint64 pa_end)
{
  initlock(&refs.lock, "refcount");
  // The table sizes itself from the RAM the machine has. It counts its own
  // pages too, which are never handed out, so slot() stays one division.
  refs.count = (int *)pa_start;
  refs.base = pa_start;
  refs.npages = (pa_end - pa_start) / PGSIZE;
  for (uint64 i = 0; i < refs.npages; i++)
    refs.count[i] = 0;
  return PGROUNDUP(pa_start + refs.npages * sizeof(refs.count[0]));
}

// The count of the page at pa. Only kalloc'd pages are counted, so any other
// address is a kernel bug.
static inline int *slot(uint64 pa)
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
