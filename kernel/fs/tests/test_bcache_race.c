// Host test of a correct buffer cache (fs/bcache/global.c, hashed.c): two
// lookups of one uncached block, the second inside the first one's window
// between "not cached" and "claim a buffer", get the same buffer.
#include <criterion/criterion.h>
#include "kernel/fs/tests/bcache_host.h"

Test(bcache_race, two_misses_on_one_block_share_one_buffer)
{
  struct buf *a = 0, *b = 0;
  cr_assert(bcache_window_buffers(&a, &b));
  cr_assert_eq(a, b, "the block was cached twice");
}
