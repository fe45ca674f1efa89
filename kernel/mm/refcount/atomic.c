// Page reference counts changed with atomic instructions: an array with a
// count per page of RAM and no lock. Policy: the free decision is taken from
// the value the atomic decrement itself returns, so exactly one dropper sees 0.
#include "kernel/types.h"
#include "kernel/riscv.h"
#include "kernel/lib/printf.h"
#include "kernel/mm/refcount.h"

// refs, refcount_init and slot() are repeated in each sibling so `diff -u` shows only the policy.

static struct {
  // Each count is only ever touched with __atomic builtins.
  int *count; // one per page, in the range's first pages (refcount_init)
  // The first page and the number of pages counted; fixed by refcount_init.
  uint64 base;
  uint64 npages;
} refs;

uint64 refcount_init(uint64 pa_start, uint64 pa_end)
{
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
  // Release: whoever later sees this count also sees the page's new owner's setup.
  __atomic_store_n(slot(pa), 1, __ATOMIC_RELEASE);
}

void refcount_inc(uint64 pa)
{
  // The caller already holds a reference, so the page cannot be freed under
  // it, and the increment needs no ordering of its own.
  if (__atomic_fetch_add(slot(pa), 1, __ATOMIC_RELAXED) <= 0)
    panic("refcount_inc: page not in use");
}

int refcount_dec(uint64 pa)
{
  // Acquire-release: the dropper that frees the page must see every store
  // the other sharers made before they let go.
  int left = __atomic_sub_fetch(slot(pa), 1, __ATOMIC_ACQ_REL);
  if (left < 0)
    panic("refcount_dec: page not in use");
  return left == 0;
}

int refcount_get(uint64 pa)
{
  return __atomic_load_n(slot(pa), __ATOMIC_ACQUIRE);
}
