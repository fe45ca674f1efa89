// Sleep locks: long-held locks (inodes, disk buffers) that yield the CPU
// while waiting instead of spinning.
#pragma once

#include "kernel/lib/spinlock.h"

struct sleeplock {
  uint locked;        // 1 while held
  struct spinlock lk; // guards locked and pid
  const char *name;   // for debugging
  int pid;            // process holding the lock
};

void initsleeplock(struct sleeplock *lk, const char *name);
void acquiresleep(struct sleeplock *lk);
void releasesleep(struct sleeplock *lk);
int holdingsleep(struct sleeplock *lk);
