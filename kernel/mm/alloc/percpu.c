// Free lists, percpu: a list of free pages and a lock for each hart. kfree
// puts a page on the list of the hart it runs on and kalloc takes one from
// there, so harts that allocate at the same time take different locks; a
// hart whose list is empty steals part of another hart's list. Interrupts
// are off from reading the hart id to the last use of it: with them on, a
// timer interrupt could move the thread to another hart in between, and it
// would work on that hart's list (safe, as every list has its lock, but the
// lock would then be shared after all).
#include <stddef.h>
#include "kernel/types.h"
#include "kernel/param.h"
#include "kernel/riscv.h"
#include "kernel/lib/spinlock.h"
#include "kernel/arch/arch.h"
#include "kernel/mm/alloc.h"

// At most this many pages move in one steal, or half the other hart's list
// if that is less: a steal holds the other hart's lock while it walks the
// pages it takes, and a hart that takes everything just moves the problem.
#define STEAL_MAX 64

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

// The pages are dealt out to every hart's list in turn, so no hart has to
// steal before its share runs out. The lists of harts the machine does not
// have are reached only by stealing.
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

// Take up to STEAL_MAX pages from the first other hart that has any: one of
// them for the caller, the rest onto this hart's list. One lock at a time,
// never two, so two harts stealing from each other cannot deadlock.
static struct freepage *steal(int me)
{
  for (int k = 1; k < NCPU; k++) {
    struct cpufree *victim = &kmem[(me + k) % NCPU];
    acquire(&victim->lock);
    uint64 take = (victim->n + 1) / 2 < STEAL_MAX ? (victim->n + 1) / 2 : STEAL_MAX;
    struct freepage *first = victim->list, *last = NULL;
    for (uint64 i = 0; i < take; i++)
      last = last == NULL ? first : last->next;
    if (last != NULL) {
      victim->list = last->next;
      victim->n -= take;
    }
    release(&victim->lock);
    if (last == NULL)
      continue;
    if (first != last) {
      struct cpufree *c = &kmem[me];
      acquire(&c->lock);
      last->next = c->list;
      c->list = first->next;
      c->n += take - 1;
      release(&c->lock);
    }
    return first;
  }
  return NULL;
}

struct freepage *alloc_get(void)
{
  push_off();
  int me = cpuid();
  struct freepage *page = list_pop(&kmem[me]);
  if (page == NULL)
    page = steal(me);
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
