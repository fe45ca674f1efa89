// Page reference counts guarded by one spinlock, the cow lab's starter. This
// file is yours to write (labs/cow/handout); kernel/mm/refcount.h says what
// each function promises. Until then there are no counts: every page has
// exactly one owner, which is true as long as fork copies eagerly.
#include "kernel/types.h"
#include "kernel/riscv.h"
#include "kernel/lib/spinlock.h"
#include "kernel/lib/printf.h"
#include "kernel/mm/refcount.h"

// TODO: keep a count per page of [pa_start, pa_end), behind one lock that
// lives in the same struct as the counts. How many pages there are is known
// only now, from the RAM the machine has: put the counts in the first pages
// of the range and return the first page after them (refcount.h).
uint64 refcount_init(uint64 pa_start, uint64 pa_end)
{
  (void)pa_end;
  return pa_start;
}

// TODO: the page kalloc hands out starts with one reference.
void refcount_new(uint64 pa)
{
  (void)pa;
}

// TODO: one more page table maps pa.
void refcount_inc(uint64 pa)
{
  (void)pa;
}

// TODO: drop one reference, and say whether it was the last one. The
// decrement and that answer must be one step, or two sharers dropping a page
// at once could both free it, or neither.
int refcount_dec(uint64 pa)
{
  (void)pa;
  return 1;
}

// TODO: the current count.
int refcount_get(uint64 pa)
{
  (void)pa;
  return 1;
}
