// Free lists, nosteal: BROKEN ON PURPOSE. A list of free pages and a lock
// for each hart, as in percpu.c, but a hart whose list is empty does not
// steal from another's: kalloc fails although other harts hold free pages.
// The boot pages are dealt out over NCPU lists, so a process gets at most
// the pages of the hart it runs on: `usertests sbrkmuch` runs out of memory,
// and kalloctest test2 gets far fewer pages than the kernel counts free, a
// different number from round to round as the process moves between harts.
#include <stddef.h>
#include "kernel/types.h"
#include "kernel/param.h"
#include "kernel/riscv.h"
#include "kernel/lib/spinlock.h"
#include "kernel/arch/arch.h"
#include "kernel/mm/alloc.h"

// One per hart, each on its own cache line so that harts working on their
// own lists do not pull each other's lines back and forth.
static struct cpufree {
  struct spinlock lock; // guards list and n
  struct freepage *list;
  uint64 n; // pages on list
} __attribute__((aligned(64))) kmem[NCPU];

// The statistics count every lock whose name starts with kmem.
static const char *const lock_names[NCPU] = {
    "kmem.cpu0", "kmem.cpu1", "kmem.cpu2", "kmem.cpu3",
    "kmem.cpu4", "kmem.cpu5", "kmem.cpu6", "kmem.cpu7",
};

void alloc_lists_init(void)
{
  for (int i = 0; i < NCPU; i++) {
    initlock(&kmem[i].lock, lock_names[i]);
    kmem[i].list = NULL;
    kmem[i].n = 0;
  }
}

// The pages are dealt out to every hart's list in turn. The lists of harts
// the machine does not have are never reached.
void alloc_lists_fill(uint64 lo, uint64 hi)
{
  for (int i = 0; i < NCPU; i++) {
    struct cpufree *c = &kmem[i];
    acquire(&c->lock);
    for (uint64 pa = lo + i * PGSIZE; pa + PGSIZE <= hi; pa += NCPU * PGSIZE) {
      struct freepage *page = (struct freepage *)pa;
      page->next = c->list;
      c->list = page;
      c->n++;
    }
    release(&c->lock);
  }
}

void alloc_put(struct freepage *page)
{
  push_off();
  struct cpufree *c = &kmem[cpuid()];
  acquire(&c->lock);
  page->next = c->list;
  c->list = page;
  c->n++;
  release(&c->lock);
  pop_off();
}

static struct freepage *list_pop(struct cpufree *c)
{
  acquire(&c->lock);
  struct freepage *page = c->list;
  if (page != NULL) {
    c->list = page->next;
    c->n--;
  }
  release(&c->lock);
  return page;
}

struct freepage *alloc_get(void)
{
  push_off();
  int me = cpuid();
  struct freepage *page = list_pop(&kmem[me]);
  pop_off();
  return page;
}

uint64 alloc_count(void)
{
  uint64 n = 0;
  for (int i = 0; i < NCPU; i++) {
    acquire(&kmem[i].lock);
    n += kmem[i].n;
    release(&kmem[i].lock);
  }
  return n;
}
