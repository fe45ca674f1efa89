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
  uint refcnt;           // guarded by the cache's lock (bio.c)
  struct buf *prev;      // LRU list, guarded by the cache's lock
  struct buf *next;
  uchar data[BSIZE];
};

// bio.c: the buffer cache.
void binit(void);
struct buf *bread(uint dev, uint blockno); // locked, with the block's data
void bwrite(struct buf *b);                // b must be locked
void brelse(struct buf *b);
void bpin(struct buf *b); // keep b cached (the log holds it)
void bunpin(struct buf *b);
