// Buffer cache, norecheck: BROKEN ON PURPOSE. Hash buckets with a lock each
// and one recycler at a time, as in hashed.c, but the recycler does not look
// for the block again once it holds the evict lock. Two processes that miss
// on one block at the same moment both wait for that lock, and each then
// recycles a buffer for the block: two copies, and a write to one is not
// seen through the other (a lost write). bcachetest test2, whose appenders
// miss on the bitmap block together, sometimes (4 boots of 20) ends in
// "panic: bfree: block already free": a bit set in one copy was lost.
#include <stddef.h>
#include "kernel/types.h"
#include "kernel/param.h"
#include "kernel/fs.h"
#include "kernel/lib/spinlock.h"
#include "kernel/lib/sleeplock.h"
#include "kernel/lib/printf.h"
#include "kernel/fs/buf.h"
#include "kernel/fs/bcache.h"

// A prime, so that blocks spaced by a power of two (inodes, a file's
// indirect blocks) spread over all buckets; and more buckets than buffers,
// so that the blocks of a few files written one after another, which are
// neighbours on disk, each have a bucket of their own.
#define NBUCKET 31

struct bucket {
  // Guards the list and, in each buffer on it, refcnt, dev, blockno, next
  // and lastuse. A buffer's data is guarded by its own sleep lock.
  struct spinlock lock;
  struct buf *head; // singly linked through buf.next
};

static struct {
  // Held by the one process recycling a buffer, from its choice of a
  // buffer to the buffer's arrival in its new bucket. Only its holder
  // ever holds a bucket lock while taking another lock of the cache.
  struct spinlock evict;
  struct bucket bucket[NBUCKET];
  struct buf buf[NBUF];
} bcache;

// The time of a release, for LRU: a counter, not a lock, shared by all.
static uint64 clock;

static struct bucket *bucket_of(uint blockno)
{
  return &bcache.bucket[blockno % NBUCKET];
}

// The buffer of (dev, blockno) in bk, or NULL; bk->lock held.
static struct buf *lookup(struct bucket *bk, uint dev, uint blockno)
{
  for (struct buf *b = bk->head; b != NULL; b = b->next)
    if (b->dev == dev && b->blockno == blockno)
      return b;
  return NULL;
}

// Unlink b from bk; bk->lock held, b on bk's list.
static void unlink(struct bucket *bk, struct buf *b)
{
  struct buf **link = &bk->head;
  while (*link != b)
    link = &(*link)->next;
  *link = b->next;
}

void binit(void)
{
  initlock(&bcache.evict, "bcache.evict");
  for (int i = 0; i < NBUCKET; i++) {
    initlock(&bcache.bucket[i].lock, "bcache.bucket");
    bcache.bucket[i].head = NULL;
  }
  for (int i = 0; i < NBUF; i++) {
    struct buf *b = &bcache.buf[i];
    initsleeplock(&b->lock, "buffer");
    struct bucket *bk = bucket_of(b->blockno);
    b->next = bk->head;
    bk->head = b;
  }
}

// Lock and return the bucket whose idle buffer was released longest ago,
// with that buffer in *victim; NULL if every buffer is in use. evict held.
// Each bucket is looked at under its own lock, one at a time.
static struct bucket *find_victim(struct buf **victim)
{
  struct bucket *best = NULL;
  *victim = NULL;
  for (int i = 0; i < NBUCKET; i++) {
    struct bucket *bk = &bcache.bucket[i];
    acquire(&bk->lock);
    for (struct buf *b = bk->head; b != NULL; b = b->next) {
      if (b->refcnt == 0 && (*victim == NULL || b->lastuse < (*victim)->lastuse)) {
        *victim = b;
        best = bk;
      }
    }
    release(&bk->lock);
  }
  if (best != NULL)
    acquire(&best->lock);
  return best;
}

// Take an idle buffer out of its bucket for (dev, blockno). evict held, so
// no other process can claim a buffer or move one meanwhile.
static struct buf *recycle(uint dev, uint blockno)
{
  for (;;) {
    struct buf *b;
    struct bucket *from = find_victim(&b);
    if (from == NULL)
      panic("bget: no free buffers");
    // Between the look and the lock, a hit on its old block may have taken it.
    if (b->refcnt != 0) {
      release(&from->lock);
      continue;
    }
    unlink(from, b);
    release(&from->lock);
    // On no list now: nobody else can see it until it joins its bucket.
    b->dev = dev;
    b->blockno = blockno;
    b->valid = 0; // the old contents belong to another block
    b->refcnt = 1;
    return b;
  }
}

// Every buffer in use at once means the kernel holds more blocks than NBUF
// allows: an invariant.
struct buf *bget(uint dev, uint blockno)
{
  struct bucket *bk = bucket_of(blockno);

  acquire(&bk->lock);
  struct buf *b = lookup(bk, dev, blockno);
  if (b != NULL) {
    b->refcnt++;
    release(&bk->lock);
    acquiresleep(&b->lock);
    return b;
  }
  release(&bk->lock);

  // Not cached, so recycle a buffer for it.
  acquire(&bcache.evict);

  b = recycle(dev, blockno);
  acquire(&bk->lock);
  b->next = bk->head;
  bk->head = b;
  release(&bk->lock);
  release(&bcache.evict);
  acquiresleep(&b->lock);
  return b;
}

// Give up a buffer from bread. When nobody refers to it any more it gets the
// time of this release, and the buffer released longest ago is the first a
// miss recycles.
void brelse(struct buf *b)
{
  if (!holdingsleep(&b->lock))
    panic("brelse: buffer not locked");
  releasesleep(&b->lock);

  struct bucket *bk = bucket_of(b->blockno);
  acquire(&bk->lock);
  b->refcnt--;
  if (b->refcnt == 0)
    b->lastuse = __atomic_fetch_add(&clock, 1, __ATOMIC_RELAXED);
  release(&bk->lock);
}

// The log pins the blocks of a transaction so they stay cached (with their
// new contents) until the commit has written them to the log.
void bpin(struct buf *b)
{
  struct bucket *bk = bucket_of(b->blockno);
  acquire(&bk->lock);
  b->refcnt++;
  release(&bk->lock);
}

void bunpin(struct buf *b)
{
  struct bucket *bk = bucket_of(b->blockno);
  acquire(&bk->lock);
  b->refcnt--;
  release(&bk->lock);
}
