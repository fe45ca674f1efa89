// Buffer cache: holds recently used disk blocks in memory and makes sure each
// block has at most one cached copy, so processes sharing a block see each
// other's changes. How buffers are found and recycled, and under which locks,
// is the bcache mechanism's policy (fs/bcache/); this file reads and writes
// them through the virtio driver.
#include "kernel/types.h"
#include "kernel/param.h"
#include "kernel/fs.h"
#include "kernel/lib/sleeplock.h"
#include "kernel/lib/printf.h"
#include "kernel/fs/buf.h"
#include "kernel/fs/bcache.h"
#include "kernel/dev/virtio_disk.h"

struct buf *bread(uint dev, uint blockno)
{
  struct buf *b = bget(dev, blockno);
  if (!b->valid) {
    virtio_disk_rw(b, 0);
    b->valid = 1;
  }
  return b;
}

void bwrite(struct buf *b)
{
  if (!holdingsleep(&b->lock))
    panic("bwrite: buffer not locked");
  virtio_disk_rw(b, 1);
}
