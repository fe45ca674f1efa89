// The buffer cache's policy: how buffers are found, recycled and released,
// one sibling in fs/bcache/ (meson option bcache). fs/bio.c keeps what does
// not depend on it, reading and writing a buffer through the disk driver.
// binit, brelse, bpin and bunpin (fs/buf.h) come from the sibling too.
#pragma once

#include "kernel/types.h"

struct buf;

// The cached buffer for (dev, blockno), or the least recently used idle
// buffer recycled for it (valid 0). Returns it locked, with one more
// reference. No buffer may ever cache a block another buffer caches.
struct buf *bget(uint dev, uint blockno);
