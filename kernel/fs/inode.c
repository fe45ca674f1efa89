// Inodes and the block allocator: the superblock, the free-block bitmap, the
// in-memory inode table, block mapping (12 direct blocks and one indirect
// block) and reading and writing file contents. Relies on the buffer cache
// and the log; every change to disk goes through log_write inside an op.
#include <stddef.h>
#include "kernel/types.h"
#include "kernel/param.h"
#include "kernel/stat.h"
#include "kernel/fs.h"
#include "kernel/lib/spinlock.h"
#include "kernel/lib/sleeplock.h"
#include "kernel/lib/printf.h"
#include "kernel/lib/string.h"
#include "kernel/proc/proc.h"
#include "kernel/fs/buf.h"
#include "kernel/fs/log.h"
#include "kernel/fs/inode.h"

// One per disk; rvlab has a single file-system disk.
struct superblock sb;

void fsinit(int dev)
{
  struct buf *b = bread(dev, 1);
  memmove(&sb, b->data, sizeof(sb));
  brelse(b);
  if (sb.magic != FSMAGIC)
    panic("fsinit: not an rvlab/xv6 file system");
  initlog(dev, &sb);
}

// ---------------------------------------------------------------------------
// Blocks.

static void bclear(uint dev, uint bno)
{
  struct buf *b = bread(dev, bno);
  memset(b->data, 0, BSIZE);
  log_write(b);
  brelse(b);
}

// Allocate a zeroed data block, or return 0 when the disk is full (block 0 is
// the boot block, so 0 can never be a data block).
static uint balloc(uint dev)
{
  for (uint base = 0; base < sb.size; base += BPB) {
    struct buf *b = bread(dev, BBLOCK(base, sb));
    for (uint bi = 0; bi < BPB && base + bi < sb.size; bi++) {
      uchar mask = 1 << (bi % 8);
      if ((b->data[bi / 8] & mask) == 0) {
        b->data[bi / 8] |= mask;
        log_write(b);
        brelse(b);
        bclear(dev, base + bi);
        return base + bi;
      }
    }
    brelse(b);
  }
  printf("balloc: out of blocks\n");
  return 0;
}

static void bfree(uint dev, uint bno)
{
  struct buf *b = bread(dev, BBLOCK(bno, sb));
  uint bi = bno % BPB;
  uchar mask = 1 << (bi % 8);
  if ((b->data[bi / 8] & mask) == 0)
    panic("bfree: block already free");
  b->data[bi / 8] &= ~mask;
  log_write(b);
  brelse(b);
}

// ---------------------------------------------------------------------------
// The inode table: the in-memory copies of inodes that someone refers to.

static struct {
  // Guards ref, dev and inum of every entry, i.e. which inode an entry
  // caches and who uses it. The rest of an entry is guarded by its sleep lock.
  struct spinlock lock;
  struct inode inode[NINODE];
} itable;

void iinit(void)
{
  initlock(&itable.lock, "itable");
  for (int i = 0; i < NINODE; i++)
    initsleeplock(&itable.inode[i].lock, "inode");
}

// Return the in-memory entry for inode inum, unlocked and possibly not yet
// read from disk. NULL when all NINODE entries are in use: enough processes
// holding enough files open can do that, so it is an error, not a panic.
struct inode *iget(uint dev, uint inum)
{
  struct inode *ip, *empty = NULL;

  acquire(&itable.lock);
  for (ip = itable.inode; ip < itable.inode + NINODE; ip++) {
    if (ip->ref > 0 && ip->dev == dev && ip->inum == inum) {
      ip->ref++;
      release(&itable.lock);
      return ip;
    }
    if (empty == NULL && ip->ref == 0)
      empty = ip;
  }
  if (empty == NULL) {
    release(&itable.lock);
    return NULL;
  }
  empty->dev = dev;
  empty->inum = inum;
  empty->ref = 1;
  empty->valid = 0;
  release(&itable.lock);
  return empty;
}

// Allocate a free on-disk inode of the given type. Returns it unlocked and
// referenced, or NULL when every inode is in use.
struct inode *ialloc(uint dev, short type)
{
  for (uint inum = 1; inum < sb.ninodes; inum++) {
    struct buf *b = bread(dev, IBLOCK(inum, sb));
    struct dinode *dip = (struct dinode *)b->data + inum % IPB;
    if (dip->type == 0) {
      // An in-memory slot first: claiming the disk inode without one would
      // leak it.
      struct inode *ip = iget(dev, inum);
      if (ip != NULL) {
        memset(dip, 0, sizeof(*dip));
        dip->type = type;
        log_write(b); // claims the inode on disk
      }
      brelse(b);
      return ip;
    }
    brelse(b);
  }
  printf("ialloc: no free inodes\n");
  return NULL;
}

// Write the in-memory copy of ip back to disk. Caller holds ip->lock and is
// inside an op.
void iupdate(struct inode *ip)
{
  struct buf *b = bread(ip->dev, IBLOCK(ip->inum, sb));
  struct dinode *dip = (struct dinode *)b->data + ip->inum % IPB;
  dip->type = ip->type;
  dip->major = ip->major;
  dip->minor = ip->minor;
  dip->nlink = ip->nlink;
  dip->size = ip->size;
  memmove(dip->addrs, ip->addrs, sizeof(ip->addrs));
  log_write(b);
  brelse(b);
}

struct inode *idup(struct inode *ip)
{
  acquire(&itable.lock);
  ip->ref++;
  release(&itable.lock);
  return ip;
}

// Lock ip, reading it from disk the first time.
void ilock(struct inode *ip)
{
  if (ip == NULL || ip->ref < 1)
    panic("ilock: no such inode");
  acquiresleep(&ip->lock);
  if (ip->valid)
    return;
  struct buf *b = bread(ip->dev, IBLOCK(ip->inum, sb));
  struct dinode *dip = (struct dinode *)b->data + ip->inum % IPB;
  ip->type = dip->type;
  ip->major = dip->major;
  ip->minor = dip->minor;
  ip->nlink = dip->nlink;
  ip->size = dip->size;
  memmove(ip->addrs, dip->addrs, sizeof(ip->addrs));
  brelse(b);
  ip->valid = 1;
  if (ip->type == 0)
    panic("ilock: inode is free on disk");
}

void iunlock(struct inode *ip)
{
  if (ip == NULL || !holdingsleep(&ip->lock) || ip->ref < 1)
    panic("iunlock: not locked");
  releasesleep(&ip->lock);
}

// Drop a reference. When the last reference to an inode with no links goes,
// its blocks and the inode itself are freed, so callers must be in an op.
void iput(struct inode *ip)
{
  acquire(&itable.lock);
  if (ip->ref == 1 && ip->valid && ip->nlink == 0) {
    // Nobody else refers to ip, so the sleep lock is free and nobody can
    // find it again: holding it while itable.lock is dropped is safe.
    acquiresleep(&ip->lock);
    release(&itable.lock);
    itrunc(ip);
    ip->type = 0;
    iupdate(ip);
    ip->valid = 0;
    releasesleep(&ip->lock);
    acquire(&itable.lock);
  }
  ip->ref--;
  release(&itable.lock);
}

void iunlockput(struct inode *ip)
{
  iunlock(ip);
  iput(ip);
}

// ---------------------------------------------------------------------------
// File contents.

// Return the disk block holding block bn of the file, allocating it (and the
// indirect block) if needed. 0 means the disk is full.
static uint bmap(struct inode *ip, uint bn)
{
  if (bn < NDIRECT) {
    if (ip->addrs[bn] == 0)
      ip->addrs[bn] = balloc(ip->dev);
    return ip->addrs[bn];
  }
  bn -= NDIRECT;
  if (bn >= NINDIRECT)
    panic("bmap: block beyond MAXFILE");

  if (ip->addrs[NDIRECT] == 0) {
    ip->addrs[NDIRECT] = balloc(ip->dev);
    if (ip->addrs[NDIRECT] == 0)
      return 0;
  }
  struct buf *b = bread(ip->dev, ip->addrs[NDIRECT]);
  uint *table = (uint *)b->data;
  uint addr = table[bn];
  if (addr == 0) {
    addr = balloc(ip->dev);
    if (addr != 0) {
      table[bn] = addr;
      log_write(b);
    }
  }
  brelse(b);
  return addr;
}

// Free every data block of ip and make it empty. Caller holds ip->lock.
void itrunc(struct inode *ip)
{
  for (int i = 0; i < NDIRECT; i++) {
    if (ip->addrs[i]) {
      bfree(ip->dev, ip->addrs[i]);
      ip->addrs[i] = 0;
    }
  }
  if (ip->addrs[NDIRECT]) {
    struct buf *b = bread(ip->dev, ip->addrs[NDIRECT]);
    uint *table = (uint *)b->data;
    for (uint j = 0; j < NINDIRECT; j++) {
      if (table[j])
        bfree(ip->dev, table[j]);
    }
    brelse(b);
    bfree(ip->dev, ip->addrs[NDIRECT]);
    ip->addrs[NDIRECT] = 0;
  }
  ip->size = 0;
  iupdate(ip);
}

void stati(struct inode *ip, struct stat *st)
{
  st->dev = ip->dev;
  st->ino = ip->inum;
  st->type = ip->type;
  st->nlink = ip->nlink;
  st->size = ip->size;
}

// Read up to n bytes at off. Reading at or past the end gives 0 bytes; an
// offset range that wraps around is an error, as is a bad destination.
int readi(struct inode *ip, int user_dst, uint64 dst, uint off, uint n)
{
  if (off + n < off)
    return -1;
  if (off >= ip->size)
    return 0;
  if (off + n > ip->size)
    n = ip->size - off;

  uint tot = 0;
  while (tot < n) {
    uint addr = bmap(ip, off / BSIZE);
    if (addr == 0)
      break;
    struct buf *b = bread(ip->dev, addr);
    uint m = BSIZE - off % BSIZE;
    if (m > n - tot)
      m = n - tot;
    int bad = either_copyout(user_dst, dst, b->data + off % BSIZE, m) < 0;
    brelse(b);
    if (bad)
      return -1;
    tot += m;
    off += m;
    dst += m;
  }
  return tot;
}

// Write n bytes at off, growing the file. Writes may start at most at the
// end of the file and may not pass MAXFILE blocks. Returns the bytes written,
// which is short if the disk filled up or the source went bad. Caller holds
// ip->lock and is inside an op.
int writei(struct inode *ip, int user_src, uint64 src, uint off, uint n)
{
  if (off > ip->size || off + n < off)
    return -1;
  if ((uint64)off + n > (uint64)MAXFILE * BSIZE)
    return -1;

  uint tot = 0;
  while (tot < n) {
    uint addr = bmap(ip, off / BSIZE);
    if (addr == 0)
      break;
    struct buf *b = bread(ip->dev, addr);
    uint m = BSIZE - off % BSIZE;
    if (m > n - tot)
      m = n - tot;
    if (either_copyin(b->data + off % BSIZE, user_src, src, m) < 0) {
      brelse(b);
      break;
    }
    log_write(b);
    brelse(b);
    tot += m;
    off += m;
    src += m;
  }
  if (off > ip->size)
    ip->size = off;
  // bmap may have filled in ip->addrs even if no byte was written.
  iupdate(ip);
  return tot;
}
