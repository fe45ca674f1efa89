// Spinlocks: mutual exclusion between harts, with interrupts off while held.
#pragma once

#include "kernel/types.h"

struct cpu;

struct spinlock {
  uint locked;      // 1 while held
  const char *name; // for debugging
  struct cpu *cpu;  // the cpu holding the lock
};

void initlock(struct spinlock *lk, const char *name);
void acquire(struct spinlock *lk);
void release(struct spinlock *lk);
int holding(struct spinlock *lk);

// Interrupt-off nesting: push_off/pop_off are matched like parentheses, and
// interrupts come back on only when the outermost pop_off runs.
void push_off(void);
void pop_off(void);
