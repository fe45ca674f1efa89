// Spinlocks: mutual exclusion between harts, with interrupts off while held.
#pragma once

#include "kernel/types.h"

struct cpu;

struct spinlock {
  uint locked;      // 1 while held
  const char *name; // for debugging, and the statistics (lib/lockstat.c)
  struct cpu *cpu;  // the cpu holding the lock
  // Statistics, written by the holder only, so the lock guards them itself:
  // acquire() calls, and test-and-set attempts that found the lock taken.
  uint64 nacquire;
  uint64 nspin;
  int slot; // index in lockstat's list of locks, -1 if not listed
};

// initlock also lists the lock for the statistics (lib/lockstat.c); a lock
// whose memory is freed must be taken off that list first with freelock.
void initlock(struct spinlock *lk, const char *name);
void freelock(struct spinlock *lk);
void acquire(struct spinlock *lk);
void release(struct spinlock *lk);
int holding(struct spinlock *lk);

// Interrupt-off nesting: push_off/pop_off are matched like parentheses, and
// interrupts come back on only when the outermost pop_off runs.
void push_off(void);
void pop_off(void);
