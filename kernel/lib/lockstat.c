// Lock statistics: the list of every spinlock that initlock has seen, and
// the text that the statistics() system call hands out (MIT 6.1810's lock
// lab format, so its test programs read it unmodified). A lock's counts are
// written by its holder (lib/spinlock.c); here they are only read.
#include <stddef.h>

#include "kernel/types.h"
#include "kernel/lib/spinlock.h"
#include "kernel/lib/lockstat.h"
#include "kernel/lib/string.h"

// Locks the list can hold: every proc, buffer, inode and file lock, the
// fixed ones, and room for the pipes a busy system has open at once.
#define NLOCK 500

static struct {
  // Guards slot[]. Held while the text is written, so a pipe's lock cannot
  // be freed (freelock waits) while its counts are being read.
  struct spinlock lock;
  struct spinlock *slot[NLOCK];
} locks = {.lock = {.name = "lockstat", .slot = -1}};

static int listed(struct spinlock *lk)
{
  return lk->slot >= 0 && lk->slot < NLOCK && locks.slot[lk->slot] == lk;
}

void lockstat_add(struct spinlock *lk)
{
  // The list's own lock was set up statically; a lock initialised twice
  // keeps the slot it has.
  if (lk == &locks.lock)
    return;
  acquire(&locks.lock);
  if (!listed(lk)) {
    lk->slot = -1;
    for (int i = 0; i < NLOCK; i++) {
      if (locks.slot[i] == NULL) {
        locks.slot[i] = lk;
        lk->slot = i;
        break;
      }
    }
  }
  release(&locks.lock);
}

void lockstat_remove(struct spinlock *lk)
{
  acquire(&locks.lock);
  if (listed(lk))
    locks.slot[lk->slot] = NULL;
  lk->slot = -1;
  release(&locks.lock);
}

// The text being written: buf[0..len), never past cap.
struct text {
  char *buf;
  int len;
  int cap;
};

static void put_str(struct text *t, const char *s)
{
  for (; *s != '\0' && t->len < t->cap; s++)
    t->buf[t->len++] = *s;
}

static void put_uint(struct text *t, uint64 x)
{
  char digits[24];
  int n = 0;
  do {
    digits[n++] = '0' + x % 10;
    x /= 10;
  } while (x != 0);
  while (n > 0 && t->len < t->cap)
    t->buf[t->len++] = digits[--n];
}

// The counts are the holder's to write; a reader may see them a moment old.
static uint64 spins_of(struct spinlock *lk)
{
  return __atomic_load_n(&lk->nspin, __ATOMIC_RELAXED);
}

static void put_lock(struct text *t, struct spinlock *lk)
{
  put_str(t, "lock: ");
  put_str(t, lk->name);
  put_str(t, ": #test-and-set ");
  put_uint(t, spins_of(lk));
  put_str(t, " #acquire() ");
  put_uint(t, __atomic_load_n(&lk->nacquire, __ATOMIC_RELAXED));
  put_str(t, "\n");
}

static int has_prefix(const char *s, const char *prefix)
{
  return strncmp(s, prefix, strlen(prefix)) == 0;
}

// The allocator's and the buffer cache's locks, whatever scheme names them:
// each scheme's lock names begin with kmem or bcache.
static int is_lab_lock(struct spinlock *lk)
{
  return has_prefix(lk->name, "kmem") || has_prefix(lk->name, "bcache");
}

// Does a rank before b: more failed test-and-sets, or as many and more
// acquires (so an idle machine still lists its busiest locks)?
static int ranks_before(struct spinlock *a, struct spinlock *b)
{
  if (spins_of(a) != spins_of(b))
    return spins_of(a) > spins_of(b);
  return __atomic_load_n(&a->nacquire, __ATOMIC_RELAXED) >
         __atomic_load_n(&b->nacquire, __ATOMIC_RELAXED);
}

// Print the five listed locks with the most failed test-and-sets, most
// first; each pass takes the largest not yet printed. locks.lock held.
static void put_top5(struct text *t)
{
  int done[5];
  for (int k = 0; k < 5; k++) {
    int best = -1;
    for (int i = 0; i < NLOCK; i++) {
      int taken = locks.slot[i] == NULL;
      for (int j = 0; j < k && !taken; j++)
        taken = done[j] == i;
      if (!taken && (best < 0 || ranks_before(locks.slot[i], locks.slot[best])))
        best = i;
    }
    if (best < 0)
      return;
    done[k] = best;
    put_lock(t, locks.slot[best]);
  }
}

int lockstat_format(char *buf, int n)
{
  struct text t = {buf, 0, n};
  uint64 tot = 0;

  acquire(&locks.lock);
  put_str(&t, "--- lock kmem/bcache stats\n");
  for (int i = 0; i < NLOCK; i++) {
    if (locks.slot[i] != NULL && is_lab_lock(locks.slot[i])) {
      put_lock(&t, locks.slot[i]);
      tot += spins_of(locks.slot[i]);
    }
  }
  put_str(&t, "--- top 5 contended locks:\n");
  put_top5(&t);
  release(&locks.lock);
  put_str(&t, "tot= ");
  put_uint(&t, tot);
  put_str(&t, "\n");
  return t.len;
}
