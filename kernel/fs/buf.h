// A cached copy of one disk block.
#pragma once

#include "kernel/types.h"
#include "kernel/fs.h"
#include "kernel/lib/sleeplock.h"

struct buf {
  int valid; // has data been read from disk?
  int disk;  // does the disk driver own the buffer?
  uint dev;
  uint blockno;
  struct sleeplock lock; // guards data, valid and disk while held
  // Guarded by the cache's lock for this buffer (fs/bcache/: one lock for
  // all, or the lock of the buffer's hash bucket).
  uint refcnt;
  struct buf *prev; // the cache's lists of buffers
  struct buf *next;
  uint64 lastuse; // when refcnt last fell to 0, for LRU (bcache=hashed)
  uchar data[BSIZE];
};

// bio.c and the bcache sibling (fs/bcache/): the buffer cache.
void binit(void);
struct buf *bread(uint dev, uint blockno); // locked, with the block's data
void bwrite(struct buf *b);                // b must be locked
void brelse(struct buf *b);
void bpin(struct buf *b); // keep b cached (the log holds it)
void bunpin(struct buf *b);
