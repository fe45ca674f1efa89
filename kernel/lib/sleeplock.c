// Sleep locks, for locks held across disk I/O (buffers, inodes). A waiter
// gives up the CPU through sleep()/wakeup() (proc/proc.c) instead of
// spinning; the embedded spinlock only protects the lock's own fields.
#include "kernel/types.h"
#include "kernel/lib/sleeplock.h"
#include "kernel/lib/spinlock.h"
#include "kernel/proc/proc.h"

void initsleeplock(struct sleeplock *lk, const char *name)
{
  initlock(&lk->lk, "sleep lock");
  lk->name = name;
  lk->locked = 0;
  lk->pid = 0;
}

void acquiresleep(struct sleeplock *lk)
{
  acquire(&lk->lk);
  // sleep() releases lk->lk while asleep and takes it back before returning,
  // so the test and the claim below happen under the spinlock.
  while (lk->locked)
    sleep(lk, &lk->lk);
  lk->locked = 1;
  lk->pid = myproc()->pid;
  release(&lk->lk);
}

void releasesleep(struct sleeplock *lk)
{
  acquire(&lk->lk);
  lk->locked = 0;
  lk->pid = 0;
  wakeup(lk);
  release(&lk->lk);
}

// Does the current process hold lk?
int holdingsleep(struct sleeplock *lk)
{
  int held;

  acquire(&lk->lk);
  held = lk->locked && lk->pid == myproc()->pid;
  release(&lk->lk);
  return held;
}
