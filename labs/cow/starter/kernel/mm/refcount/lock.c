// Page reference counts guarded by one spinlock, the cow lab's starter. This
// file is yours to write (labs/cow/handout). kernel/mm/refcount.h states
// what each function promises: the table's layout, which the allocator and
// the host tests rely on, and the panics they expect. The host tests in
// kernel/mm/tests/test_refcount.c check it, with threads racing. Until then
// there are no counts: every page has exactly one owner, which is true as
// long as fork copies eagerly.
#include "kernel/types.h"
#include "kernel/riscv.h"
#include "kernel/lib/spinlock.h"
#include "kernel/lib/printf.h"
#include "kernel/mm/refcount.h"

// TODO: the table of refcount.h, behind one lock that lives in the same
// struct as the counts. How many pages there are is known only now, from
// the RAM the machine has, so there is no array to declare.
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

// TODO: as refcount.h says. Think about two harts dropping the last two
// references to one page at the same moment: what must each one see?
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
