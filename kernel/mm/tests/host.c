// Host stand-ins for the kernel services the mm code uses: panic, printf and
// spinlocks. The tests are single-threaded, so a lock only checks that it is
// used in matched pairs.
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <criterion/criterion.h>
#include "kernel/types.h"
#include "kernel/riscv.h"
#include "kernel/lib/printf.h"
#include "kernel/lib/spinlock.h"
#include "kernel/mm/kalloc.h"
#include "kernel/mm/tests/host.h"

jmp_buf host_panic_jmp;
volatile int host_panic_armed;
const char *volatile host_panic_msg;

// The pages stay allocated until the test process exits: Criterion runs
// every test in a process of its own.
char *host_arena(int npages)
{
  char *arena = aligned_alloc(PGSIZE, (size_t)npages * PGSIZE);
  cr_assert_not_null(arena, "host out of memory for the arena");
  kalloc_init(arena, arena + (size_t)npages * PGSIZE);
  return arena;
}

void panic(const char *msg)
{
  host_panic_msg = msg;
  if (host_panic_armed)
    longjmp(host_panic_jmp, 1);
  cr_assert_fail("unexpected kernel panic: %s", msg);
  abort();
}

int printf(const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  int n = vprintf(fmt, ap);
  va_end(ap);
  return n;
}

void initlock(struct spinlock *lk, const char *name)
{
  lk->locked = 0;
  lk->name = name;
  lk->cpu = NULL;
}

// On one hart, taking a lock already held would spin forever.
void acquire(struct spinlock *lk)
{
  cr_assert_eq(lk->locked, 0, "acquire of held lock %s", lk->name);
  lk->locked = 1;
}

void release(struct spinlock *lk)
{
  cr_assert_eq(lk->locked, 1, "release of free lock %s", lk->name);
  lk->locked = 0;
}

int holding(struct spinlock *lk)
{
  return lk->locked;
}

void push_off(void)
{
}

void pop_off(void)
{
}
