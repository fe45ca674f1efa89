// Write-ahead log: the blocks a group of file-system calls modify are first
// written to the log area (sb.logstart), then a header naming them is written
// (the commit point), then they are copied home. A crash before the header
// write loses the whole transaction; after it, initlog replays it. Relies on
// the buffer cache (pinning) and on sleep/wakeup.
#include "kernel/types.h"
#include "kernel/param.h"
#include "kernel/fs.h"
#include "kernel/lib/spinlock.h"
#include "kernel/lib/sleeplock.h"
#include "kernel/lib/printf.h"
#include "kernel/lib/string.h"
#include "kernel/proc/proc.h"
#include "kernel/fs/buf.h"
#include "kernel/fs/log.h"

// The header block, first block of the log area. n == 0 means "no committed
// transaction"; otherwise log block i+1 holds the new contents of block[i].
struct logheader {
  int n;
  int block[LOGSIZE];
};

_Static_assert(sizeof(struct logheader) <= BSIZE, "log header must fit in one block");

// The log's in-memory state.
static struct {
  // Guards outstanding and committing, and lh while a transaction is open.
  struct spinlock lock;
  int dev;
  int start;           // block number of the header block
  int size;            // header plus data blocks
  int outstanding;     // file-system calls between begin_op and end_op
  int committing;      // a commit is in progress; new calls must wait
  struct logheader lh; // blocks written by the open transaction
} wlog;

static void recover_from_log(void);

void initlog(int dev, struct superblock *sb)
{
  initlock(&wlog.lock, "log");
  wlog.dev = dev;
  wlog.start = sb->logstart;
  wlog.size = sb->nlog;
  if (wlog.size - 1 < LOGSIZE)
    panic("initlog: log area smaller than LOGSIZE");
  recover_from_log();
}

static void read_head(void)
{
  struct buf *b = bread(wlog.dev, wlog.start);
  memmove(&wlog.lh, b->data, sizeof(wlog.lh));
  brelse(b);
}

// Writing the header is what makes a transaction real: with a non-zero count
// it is the commit point, with zero it marks the log empty again.
static void write_head(void)
{
  struct buf *b = bread(wlog.dev, wlog.start);
  memmove(b->data, &wlog.lh, sizeof(wlog.lh));
  bwrite(b);
  brelse(b);
}

// Copy each modified block from the cache into its log slot.
static void write_log(void)
{
  for (int i = 0; i < wlog.lh.n; i++) {
    struct buf *to = bread(wlog.dev, wlog.start + 1 + i);
    struct buf *from = bread(wlog.dev, wlog.lh.block[i]);
    memmove(to->data, from->data, BSIZE);
    bwrite(to);
    brelse(from);
    brelse(to);
  }
}

// Copy each logged block to its home location. During recovery the cache
// holds nothing pinned; after a normal commit the pins from log_write drop.
static void install_trans(int recovering)
{
  for (int i = 0; i < wlog.lh.n; i++) {
    struct buf *from = bread(wlog.dev, wlog.start + 1 + i);
    struct buf *to = bread(wlog.dev, wlog.lh.block[i]);
    memmove(to->data, from->data, BSIZE);
    bwrite(to);
    if (!recovering)
      bunpin(to);
    brelse(from);
    brelse(to);
  }
}

static void recover_from_log(void)
{
  read_head();
  if (wlog.lh.n < 0 || wlog.lh.n > LOGSIZE)
    panic("initlog: corrupt log header");
  install_trans(1); // a no-op when the header says nothing was committed
  wlog.lh.n = 0;
  write_head();
}

static void commit(void)
{
  if (wlog.lh.n == 0)
    return;
  write_log();      // 1. new contents into the log area
  write_head();     // 2. COMMIT POINT: the header now names the logged blocks
  install_trans(0); // 3. copy them home; a crash here is replayed at boot
  wlog.lh.n = 0;
  write_head(); // 4. the transaction is done; empty the log
}

// Called at the start of each file-system call. Waits while a commit is in
// progress, or while admitting one more call could overflow the log if every
// open call wrote its maximum of MAXOPBLOCKS blocks.
void begin_op(void)
{
  acquire(&wlog.lock);
  for (;;) {
    int worst = wlog.lh.n + (wlog.outstanding + 1) * MAXOPBLOCKS;
    if (wlog.committing || worst > LOGSIZE) {
      sleep(&wlog, &wlog.lock);
    } else {
      wlog.outstanding++;
      release(&wlog.lock);
      return;
    }
  }
}

// Called at the end of each file-system call. The last call out commits the
// whole group; the commit runs without wlog.lock because it sleeps on the disk.
void end_op(void)
{
  int do_commit = 0;

  acquire(&wlog.lock);
  if (wlog.committing)
    panic("end_op: commit in progress");
  wlog.outstanding--;
  if (wlog.outstanding == 0) {
    do_commit = 1;
    wlog.committing = 1;
  } else {
    wakeup(&wlog); // this call's reserved space is free for a waiting one
  }
  release(&wlog.lock);

  if (do_commit) {
    commit();
    acquire(&wlog.lock);
    wlog.committing = 0;
    wakeup(&wlog);
    release(&wlog.lock);
  }
}

// Record that b was modified by the current transaction; use instead of
// bwrite. The buffer stays pinned in the cache until the commit, and a block
// written several times in one transaction takes a single log slot.
void log_write(struct buf *b)
{
  int i;

  acquire(&wlog.lock);
  if (wlog.outstanding < 1)
    panic("log_write: outside of a transaction");
  for (i = 0; i < wlog.lh.n; i++) {
    if (wlog.lh.block[i] == (int)b->blockno)
      break; // already logged: the commit will copy the newest contents
  }
  if (i == wlog.lh.n) {
    // begin_op reserved room for MAXOPBLOCKS per call, so a full log here
    // means some call wrote more than it promised: a kernel bug.
    if (wlog.lh.n >= LOGSIZE || wlog.lh.n >= wlog.size - 1)
      panic("log_write: transaction too big");
    wlog.lh.block[i] = b->blockno;
    wlog.lh.n++;
    bpin(b);
  }
  release(&wlog.lock);
}
