// Host support for the buffer-cache tests (tests/bcache_host.c).
#pragma once

struct buf;

// Two threads look up one block the cache does not hold, the second just
// after the first has found it missing and let go of its bucket's lock, the
// window between "not cached" and "claim a buffer". *a and *b are the
// buffers each got; 1 if both got one. A correct cache gives both the same.
int bcache_window_buffers(struct buf **a, struct buf **b);
