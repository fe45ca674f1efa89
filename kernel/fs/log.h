// Write-ahead log: groups the block writes of file-system system calls into
// transactions so that a crash leaves either all of a call's writes or none.
#pragma once

#include "kernel/fs.h"

struct buf;

void initlog(int dev, struct superblock *sb); // recovers after a crash
void begin_op(void);                          // start of a file-system system call
void end_op(void);                            // end of it; the last one out commits
void log_write(struct buf *b);                // instead of bwrite() inside an op
