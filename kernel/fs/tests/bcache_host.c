// Host stand-ins for what the buffer-cache siblings (fs/bcache/) use
// besides spinlocks, panic and printf (kernel/lib/tests/hostlock.c, which
// the memory tests link too): sleep locks that wait by yielding. A thread
// stands in for a hart. The window test parks a thread in the moment after
// a release (host_release_hook), which is where a timer interrupt would
// hold up a hart in the kernel.
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <criterion/criterion.h>
#include "kernel/types.h"
#include "kernel/lib/spinlock.h"
#include "kernel/lib/sleeplock.h"
#include "kernel/param.h"
#include "kernel/fs/buf.h"
#include "kernel/fs/bcache.h"
#include "kernel/fs/tests/bcache_host.h"
#include "kernel/lib/tests/hostlock.h"

// Each thread's address stands in for the pid of a sleep lock's holder.
static _Thread_local char this_thread;

void initsleeplock(struct sleeplock *lk, const char *name)
{
  initlock(&lk->lk, "sleep lock");
  lk->name = name;
  lk->locked = 0;
  lk->pid = 0;
}

// The holder is recorded by thread, in pid's place.
static int my_id(void)
{
  return (int)((uintptr_t)&this_thread & 0x7fffffff);
}

void acquiresleep(struct sleeplock *lk)
{
  for (;;) {
    acquire(&lk->lk);
    if (!lk->locked) {
      lk->locked = 1;
      lk->pid = my_id();
      release(&lk->lk);
      return;
    }
    release(&lk->lk);
    sched_yield();
  }
}

void releasesleep(struct sleeplock *lk)
{
  acquire(&lk->lk);
  lk->locked = 0;
  lk->pid = 0;
  release(&lk->lk);
}

int holdingsleep(struct sleeplock *lk)
{
  acquire(&lk->lk);
  int r = lk->locked && lk->pid == my_id();
  release(&lk->lk);
  return r;
}

#define DEV 1

// The window test. Thread A sets window_armed and looks up a block the
// cache does not hold; right after A lets go of the block's bucket lock (a
// miss: "not cached"), release() parks A until thread B has looked up the
// same block and has a buffer for it. Then A goes on to claim its own.
static _Thread_local int window_armed;
static volatile int a_in_window, b_has_buffer;

// Wait until *flag is set, yielding; give up after about two seconds (a
// cache with no such window never parks A, so B must not wait forever).
static void wait_for(volatile int *flag)
{
  struct timespec start, now;
  clock_gettime(CLOCK_MONOTONIC, &start);
  while (!__atomic_load_n(flag, __ATOMIC_SEQ_CST)) {
    sched_yield();
    clock_gettime(CLOCK_MONOTONIC, &now);
    if (now.tv_sec - start.tv_sec > 2)
      return;
  }
}

static void bcache_host_released(struct spinlock *lk)
{
  if (window_armed && strcmp(lk->name, "bcache.bucket") == 0) {
    window_armed = 0;
    __atomic_store_n(&a_in_window, 1, __ATOMIC_SEQ_CST);
    wait_for(&b_has_buffer);
  }
}

#define BLOCK 5

static void *thread_a(void *arg)
{
  window_armed = 1;
  struct buf *b = bget(DEV, BLOCK);
  *(struct buf **)arg = b;
  brelse(b);
  return NULL;
}

static void *thread_b(void *arg)
{
  wait_for(&a_in_window);
  struct buf *b = bget(DEV, BLOCK);
  *(struct buf **)arg = b;
  __atomic_store_n(&b_has_buffer, 1, __ATOMIC_SEQ_CST);
  // Hold it a moment, so that A, if it looks again, finds it in use.
  struct timespec pause = {0, 20 * 1000 * 1000};
  nanosleep(&pause, NULL);
  brelse(b);
  return NULL;
}

int bcache_window_buffers(struct buf **a, struct buf **b)
{
  binit();
  host_release_hook = bcache_host_released;
  pthread_t ta, tb;
  pthread_create(&ta, NULL, thread_a, a);
  pthread_create(&tb, NULL, thread_b, b);
  pthread_join(ta, NULL);
  pthread_join(tb, NULL);
  return *a != NULL && *b != NULL;
}
