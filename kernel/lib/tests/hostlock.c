// Host stand-ins for the kernel's spinlocks, panic and printf
// (tests/hostlock.h). The spinlocks really exclude, for the threaded tests,
// and still catch a thread taking a lock it already holds or releasing one
// it does not, which on a hart would hang or corrupt the lock.
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <criterion/criterion.h>
#include "kernel/types.h"
#include "kernel/lib/printf.h"
#include "kernel/lib/spinlock.h"
#include "kernel/lib/tests/hostlock.h"

jmp_buf host_panic_jmp;
volatile int host_panic_armed;
const char *volatile host_panic_msg;
volatile int host_release_delay;
void (*volatile host_release_hook)(struct spinlock *lk);

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

// Each thread's address stands in for "the cpu holding the lock".
static _Thread_local char this_thread;
#define ME ((struct cpu *)&this_thread)

// The holder of lk, read and written atomically: other threads spin on it.
static struct cpu *holder(struct spinlock *lk)
{
  return __atomic_load_n(&lk->cpu, __ATOMIC_RELAXED);
}

// On one hart, taking a lock already held by the same hart would spin
// forever; fail instead.
void acquire(struct spinlock *lk)
{
  cr_assert(holder(lk) != ME, "acquire of lock %s this thread holds", lk->name);
  while (__atomic_exchange_n(&lk->locked, 1, __ATOMIC_ACQUIRE) != 0)
    ;
  __atomic_store_n(&lk->cpu, ME, __ATOMIC_RELAXED);
}

void release(struct spinlock *lk)
{
  cr_assert(holder(lk) == ME, "release of lock %s this thread does not hold", lk->name);
  __atomic_store_n(&lk->cpu, NULL, __ATOMIC_RELAXED);
  __atomic_store_n(&lk->locked, 0, __ATOMIC_RELEASE);
  // An interrupt arriving just after a kernel release() holds up the
  // releasing hart; tests that study races can stretch that moment.
  for (int i = 0; i < host_release_delay; i++)
    asm volatile("" ::: "memory");
  void (*hook)(struct spinlock *) = host_release_hook;
  if (hook != NULL)
    hook(lk);
}

int holding(struct spinlock *lk)
{
  return holder(lk) == ME;
}
