// Spinlocks for short critical sections shared between harts. Interrupts stay
// off on a hart while it holds any spinlock, so an interrupt handler on the
// same hart can never spin on a lock its own hart holds.
#include <stddef.h>

#include "kernel/types.h"
#include "kernel/param.h"
#include "kernel/lib/spinlock.h"
#include "kernel/lib/lockstat.h"
#include "kernel/lib/printf.h"
#include "kernel/arch/csr.h"
#include "kernel/proc/proc.h"

void initlock(struct spinlock *lk, const char *name)
{
  lk->name = name;
  lk->locked = 0;
  lk->cpu = NULL;
  lk->nacquire = 0;
  lk->nspin = 0;
  lockstat_add(lk);
}

void freelock(struct spinlock *lk)
{
  lockstat_remove(lk);
}

void acquire(struct spinlock *lk)
{
  push_off();
  if (holding(lk))
    panic("acquire: lock already held by this cpu");

  // The swap returns the old value: 0 means this hart is the one that took
  // the lock. On RISC-V it becomes an amoswap.w with acquire ordering. The
  // failed swaps are counted in a register and added once the lock is ours,
  // so counting needs no atomic add on a line other harts are spinning on.
  uint64 spins = 0;
  while (__atomic_exchange_n(&lk->locked, 1, __ATOMIC_ACQUIRE) != 0)
    spins++;

  // A full fence, so no load or store of the critical section is moved
  // before the lock is ours (the compiler's and the hart's reordering).
  __atomic_thread_fence(__ATOMIC_SEQ_CST);
  lk->cpu = mycpu();
  lk->nacquire++;
  lk->nspin += spins;
}

void release(struct spinlock *lk)
{
  if (!holding(lk))
    panic("release: lock not held by this cpu");
  lk->cpu = NULL;

  // Every store of the critical section must be visible before another
  // hart can see the lock free.
  __atomic_thread_fence(__ATOMIC_SEQ_CST);
  __atomic_store_n(&lk->locked, 0, __ATOMIC_RELEASE);
  pop_off();
}

// Does this cpu hold lk? Interrupts must be off, or the answer could be
// stale by the time the caller uses it.
int holding(struct spinlock *lk)
{
  return lk->locked && lk->cpu == mycpu();
}

void push_off(void)
{
  int old = intr_get();

  // Turn interrupts off before touching the cpu struct: a timer interrupt
  // could otherwise move this thread to another hart in between. Only if
  // they are on: under QEMU a write to sstatus ends the translated block and
  // costs far more than the lock, and in a nested push_off (a lock taken in
  // a loop that batched interrupts off, as mm/cow.c does) it changes nothing.
  if (old)
    intr_off();
  struct cpu *c = mycpu();
  if (c->noff == 0)
    c->intena = old;
  c->noff++;
}

void pop_off(void)
{
  struct cpu *c = mycpu();

  if (c->noff < 1)
    panic("pop_off: not matched by a push_off");
  // Checked as the last push_off is undone, not at every nested one: the
  // read of sstatus is as costly under QEMU as a write (see push_off).
  if (c->noff == 1 && intr_get())
    panic("pop_off: interrupts on while a lock is held");
  c->noff--;
  if (c->noff == 0 && c->intena)
    intr_on();
}
