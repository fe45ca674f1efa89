// Buffer cache, hashed: the lock lab's exercise (docs/labs/lock.md). This
// starter is a copy of global.c, one lock and one LRU list for every buffer:
// put the buffers in hash buckets by block number with a lock per bucket, so
// that lookups of different blocks do not wait for each other.
#include "kernel/types.h"
#include "kernel/param.h"
#include "kernel/fs.h"
#include "kernel/lib/spinlock.h"
#include "kernel/lib/sleeplock.h"
#include "kernel/lib/printf.h"
#include "kernel/fs/buf.h"
#include "kernel/fs/bcache.h"

static struct {
  // Guards the LRU list below and, in every buffer, refcnt, dev, blockno and
  // the list links. A buffer's data is guarded by its own sleep lock.
  struct spinlock lock;
  struct buf buf[NBUF];
  // Head of a circular doubly linked list of all buffers. head.next is the
  // most recently released buffer, head.prev the least recently released.
  struct buf head;
} bcache;

// Take b out of the LRU list; caller holds bcache.lock.
static void lru_unlink(struct buf *b)
{
  b->next->prev = b->prev;
  b->prev->next = b->next;
}

// Put b at the most-recently-used end of the list; caller holds bcache.lock.
static void lru_push_front(struct buf *b)
{
  b->next = bcache.head.next;
  b->prev = &bcache.head;
  bcache.head.next->prev = b;
  bcache.head.next = b;
}

void binit(void)
{
  initlock(&bcache.lock, "bcache");
  bcache.head.next = &bcache.head;
  bcache.head.prev = &bcache.head;
  for (struct buf *b = bcache.buf; b < bcache.buf + NBUF; b++) {
    initsleeplock(&b->lock, "buffer");
    lru_push_front(b);
  }
}

// Every buffer in use at once means the kernel holds more blocks than NBUF
// allows: an invariant.
struct buf *bget(uint dev, uint blockno)
{
  struct buf *b;

  acquire(&bcache.lock);
  for (b = bcache.head.next; b != &bcache.head; b = b->next) {
    if (b->dev == dev && b->blockno == blockno) {
      b->refcnt++;
      release(&bcache.lock);
      acquiresleep(&b->lock);
      return b;
    }
  }
  for (b = bcache.head.prev; b != &bcache.head; b = b->prev) {
    if (b->refcnt == 0) {
      b->dev = dev;
      b->blockno = blockno;
      b->valid = 0; // the old contents belong to another block
      b->refcnt = 1;
      release(&bcache.lock);
      acquiresleep(&b->lock);
      return b;
    }
  }
  panic("bget: no free buffers");
}

// Give up a buffer from bread. When nobody refers to it any more it becomes
// the most recently used candidate, so it is the last to be recycled.
void brelse(struct buf *b)
{
  if (!holdingsleep(&b->lock))
    panic("brelse: buffer not locked");
  releasesleep(&b->lock);

  acquire(&bcache.lock);
  b->refcnt--;
  if (b->refcnt == 0) {
    lru_unlink(b);
    lru_push_front(b);
  }
  release(&bcache.lock);
}

// The log pins the blocks of a transaction so they stay cached (with their
// new contents) until the commit has written them to the log.
void bpin(struct buf *b)
{
  acquire(&bcache.lock);
  b->refcnt++;
  release(&bcache.lock);
}

void bunpin(struct buf *b)
{
  acquire(&bcache.lock);
  b->refcnt--;
  release(&bcache.lock);
}
