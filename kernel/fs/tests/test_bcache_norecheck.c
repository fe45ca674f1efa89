// Host test of fs/bcache/norecheck.c, broken on purpose: a second miss on
// a block inside the first one's window between "not cached" and "claim a
// buffer" gets a buffer of its own: the block is cached twice.
#include <criterion/criterion.h>
#include "kernel/fs/tests/bcache_host.h"

Test(bcache_norecheck, two_misses_on_one_block_cache_it_twice)
{
  struct buf *a = 0, *b = 0;
  cr_assert(bcache_window_buffers(&a, &b));
  cr_assert_neq(a, b, "norecheck: each miss recycles a buffer of its own");
}
