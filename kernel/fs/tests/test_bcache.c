// Host tests of the buffer-cache siblings (fs/bcache/): each test binary
// links one sibling. bget is called directly, without the disk: a buffer's
// data is what the test wrote into it. Threads stand in for harts.
#include <pthread.h>
#include <stdint.h>
#include <criterion/criterion.h>
#include "kernel/types.h"
#include "kernel/param.h"
#include "kernel/fs/buf.h"
#include "kernel/fs/bcache.h"
#include "kernel/fs/tests/bcache_host.h"

#define DEV 1

Test(bcache, a_cached_block_is_found_again)
{
  binit();
  struct buf *b = bget(DEV, 7);
  cr_assert_eq(b->blockno, 7);
  b->valid = 1;
  b->data[0] = 42;
  brelse(b);
  struct buf *again = bget(DEV, 7);
  cr_assert_eq(again, b, "the block's one buffer");
  cr_assert(again->valid && again->data[0] == 42, "with its contents");
  brelse(again);
}

Test(bcache, a_miss_recycles_the_least_recently_released_buffer)
{
  binit();
  struct buf *first = NULL;
  for (uint blk = 100; blk < 100 + NBUF; blk++) {
    struct buf *b = bget(DEV, blk);
    b->valid = 1;
    if (blk == 100)
      first = b;
    brelse(b);
  }
  // Block 100 was released first; one more block takes its buffer.
  struct buf *b = bget(DEV, 500);
  cr_assert_eq(b, first, "the least recently released buffer is recycled");
  cr_assert_eq(b->valid, 0, "its old contents are not the new block's");
  brelse(b);
}

Test(bcache, a_held_buffer_is_never_recycled)
{
  binit();
  struct buf *held = bget(DEV, 1);
  for (uint blk = 2; blk < 2 + 3 * NBUF; blk++) {
    struct buf *b = bget(DEV, blk);
    cr_assert_neq(b, held, "block %u got the buffer block 1 still holds", blk);
    brelse(b);
  }
  brelse(held);
}
