// Free lists, percpu: the lock lab's exercise (docs/labs/lock.md). This
// starter is a copy of global.c, one list and one lock for the whole machine:
// give each hart a list of free pages and a lock of its own, and let a hart
// whose list is empty steal part of another's.
#include <stddef.h>
#include "kernel/types.h"
#include "kernel/riscv.h"
#include "kernel/lib/spinlock.h"
#include "kernel/mm/alloc.h"

static struct {
  struct spinlock lock; // guards list and n
  struct freepage *list;
  uint64 n; // pages on list
} kmem;

void alloc_lists_init(void)
{
  initlock(&kmem.lock, "kmem");
  kmem.list = NULL;
  kmem.n = 0;
}

// One critical section for all of them: under QEMU an acquire and a release
// cost more than linking a page.
void alloc_lists_fill(uint64 lo, uint64 hi)
{
  acquire(&kmem.lock);
  for (uint64 pa = lo; pa + PGSIZE <= hi; pa += PGSIZE) {
    struct freepage *page = (struct freepage *)pa;
    page->next = kmem.list;
    kmem.list = page;
    kmem.n++;
  }
  release(&kmem.lock);
}

void alloc_put(struct freepage *page)
{
  acquire(&kmem.lock);
  page->next = kmem.list;
  kmem.list = page;
  kmem.n++;
  release(&kmem.lock);
}

struct freepage *alloc_get(void)
{
  acquire(&kmem.lock);
  struct freepage *page = kmem.list;
  if (page != NULL) {
    kmem.list = page->next;
    kmem.n--;
  }
  release(&kmem.lock);
  return page;
}

uint64 alloc_count(void)
{
  acquire(&kmem.lock);
  uint64 n = kmem.n;
  release(&kmem.lock);
  return n;
}
