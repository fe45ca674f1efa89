// Open files: the system-wide file table shared by all processes' file
// descriptors, and the device switch. A file is a pipe end, an inode with a
// read/write offset, or a device; this file dispatches to each.
#include <stddef.h>
#include "kernel/types.h"
#include "kernel/param.h"
#include "kernel/stat.h"
#include "kernel/fs.h"
#include "kernel/lib/spinlock.h"
#include "kernel/lib/printf.h"
#include "kernel/mm/uaccess.h"
#include "kernel/proc/proc.h"
#include "kernel/fs/log.h"
#include "kernel/fs/inode.h"
#include "kernel/fs/file.h"

// Read and write functions per major device number; drivers fill in theirs.
struct devsw devsw[NDEV];

static struct {
  struct spinlock lock; // guards ref and type of every entry
  struct file file[NFILE];
} ftable;

void fileinit(void)
{
  initlock(&ftable.lock, "ftable");
}

// Return a fresh file with one reference, or NULL if the table is full.
struct file *filealloc(void)
{
  acquire(&ftable.lock);
  for (struct file *f = ftable.file; f < ftable.file + NFILE; f++) {
    if (f->ref == 0) {
      f->ref = 1;
      release(&ftable.lock);
      return f;
    }
  }
  release(&ftable.lock);
  return NULL;
}

struct file *filedup(struct file *f)
{
  acquire(&ftable.lock);
  if (f->ref < 1)
    panic("filedup: file not open");
  f->ref++;
  release(&ftable.lock);
  return f;
}

// Drop a reference; the last one releases the pipe end or inode. That part
// runs without ftable.lock because iput may sleep on the disk.
void fileclose(struct file *f)
{
  acquire(&ftable.lock);
  if (f->ref < 1)
    panic("fileclose: file not open");
  if (--f->ref > 0) {
    release(&ftable.lock);
    return;
  }
  struct file copy = *f;
  f->ref = 0;
  f->type = FD_NONE;
  release(&ftable.lock);

  if (copy.type == FD_PIPE) {
    pipeclose(copy.pipe, copy.writable);
  } else if (copy.type == FD_INODE || copy.type == FD_DEVICE) {
    begin_op();
    iput(copy.ip);
    end_op();
  }
}

// Copy the metadata of f's inode to user address addr.
int filestat(struct file *f, uint64 addr)
{
  struct stat st;

  if (f->type != FD_INODE && f->type != FD_DEVICE)
    return -1;
  ilock(f->ip);
  stati(f->ip, &st);
  iunlock(f->ip);
  return copyout(myproc()->pagetable, addr, &st, sizeof(st));
}

// The driver for a device file, or NULL if its major number has none.
static struct devsw *file_dev(struct file *f)
{
  if (f->major < 0 || f->major >= NDEV)
    return NULL;
  return &devsw[f->major];
}

int fileread(struct file *f, uint64 addr, int n)
{
  if (!f->readable || n < 0)
    return -1;
  if (f->type == FD_PIPE)
    return piperead(f->pipe, addr, n);
  if (f->type == FD_DEVICE) {
    struct devsw *d = file_dev(f);
    if (d == NULL || d->read == NULL)
      return -1;
    return d->read(1, addr, n);
  }
  if (f->type == FD_INODE) {
    ilock(f->ip);
    int r = readi(f->ip, 1, addr, f->off, n);
    if (r > 0)
      f->off += r;
    iunlock(f->ip);
    return r;
  }
  panic("fileread: bad file type");
}

// Write n bytes to an inode in pieces small enough for one log transaction:
// an op may write MAXOPBLOCKS blocks, and a piece can touch the inode block,
// the indirect block, two bitmap blocks and its own data blocks (each of
// which may straddle a block boundary).
static int file_write_inode(struct file *f, uint64 addr, int n)
{
  const int piece = ((MAXOPBLOCKS - 1 - 1 - 2) / 2) * BSIZE;
  int done = 0;

  while (done < n) {
    int m = n - done < piece ? n - done : piece;
    begin_op();
    ilock(f->ip);
    int r = writei(f->ip, 1, addr + done, f->off, m);
    if (r > 0)
      f->off += r;
    iunlock(f->ip);
    end_op();
    if (r != m)
      break; // disk full, file at MAXFILE, or a bad user pointer
    done += r;
  }
  return done == n ? n : -1;
}

int filewrite(struct file *f, uint64 addr, int n)
{
  if (!f->writable || n < 0)
    return -1;
  if (f->type == FD_PIPE)
    return pipewrite(f->pipe, addr, n);
  if (f->type == FD_DEVICE) {
    struct devsw *d = file_dev(f);
    if (d == NULL || d->write == NULL)
      return -1;
    return d->write(1, addr, n);
  }
  if (f->type == FD_INODE)
    return file_write_inode(f, addr, n);
  panic("filewrite: bad file type");
}
