// Pipes: a fixed-size ring buffer between a writing file and a reading file.
// Readers sleep while it is empty and writers while it is full. Relies on
// kalloc for the pipe's page and on sleep/wakeup.
#include <stddef.h>
#include "kernel/types.h"
#include "kernel/param.h"
#include "kernel/riscv.h"
#include "kernel/lib/spinlock.h"
#include "kernel/mm/kalloc.h"
#include "kernel/proc/proc.h"
#include "kernel/fs/file.h"

#define PIPESIZE 512

struct pipe {
  struct spinlock lock; // guards everything below
  char data[PIPESIZE];
  uint nread;    // bytes read so far; the ring index is nread % PIPESIZE
  uint nwrite;   // bytes written so far; nwrite - nread bytes are buffered
  int readopen;  // is the read end still open?
  int writeopen; // is the write end still open?
};

_Static_assert(sizeof(struct pipe) <= PGSIZE, "a pipe must fit in one page");

// Make a pipe and a read file (*f0) and write file (*f1) for it. 0 or -1.
int pipealloc(struct file **f0, struct file **f1)
{
  struct pipe *pi = kalloc();
  *f0 = filealloc();
  *f1 = filealloc();
  if (pi == NULL || *f0 == NULL || *f1 == NULL) {
    if (pi)
      kfree(pi);
    if (*f0)
      fileclose(*f0);
    if (*f1)
      fileclose(*f1);
    return -1;
  }
  initlock(&pi->lock, "pipe");
  pi->nread = pi->nwrite = 0;
  pi->readopen = pi->writeopen = 1;

  (*f0)->type = FD_PIPE;
  (*f0)->readable = 1;
  (*f0)->writable = 0;
  (*f0)->pipe = pi;
  (*f1)->type = FD_PIPE;
  (*f1)->readable = 0;
  (*f1)->writable = 1;
  (*f1)->pipe = pi;
  return 0;
}

// Close one end; the pipe is freed with its last end.
void pipeclose(struct pipe *pi, int writable)
{
  acquire(&pi->lock);
  if (writable) {
    pi->writeopen = 0;
    wakeup(&pi->nread); // readers see end of file
  } else {
    pi->readopen = 0;
    wakeup(&pi->nwrite); // writers see the broken pipe
  }
  int done = !pi->readopen && !pi->writeopen;
  release(&pi->lock);
  if (done) {
    freelock(&pi->lock);
    kfree(pi);
  }
}

// Bytes that can be copied at ring position pos without wrapping, at most max.
static uint ring_span(uint pos, uint max)
{
  uint span = PIPESIZE - pos % PIPESIZE;
  return span < max ? span : max;
}

// Write n bytes from user address addr, sleeping while the pipe is full.
// Returns n, fewer if the source turns bad part way, or -1 if the reader
// has gone, the caller was killed, or nothing could be copied.
int pipewrite(struct pipe *pi, uint64 addr, int n)
{
  struct proc *p = myproc();
  int i = 0;

  acquire(&pi->lock);
  while (i < n) {
    if (!pi->readopen || killed(p)) {
      release(&pi->lock);
      return -1;
    }
    uint room = PIPESIZE - (pi->nwrite - pi->nread);
    if (room == 0) {
      wakeup(&pi->nread);
      sleep(&pi->nwrite, &pi->lock);
      continue;
    }
    uint m = ring_span(pi->nwrite, room < (uint)(n - i) ? room : (uint)(n - i));
    if (either_copyin(&pi->data[pi->nwrite % PIPESIZE], 1, addr + i, m) < 0)
      break;
    pi->nwrite += m;
    i += m;
  }
  wakeup(&pi->nread);
  release(&pi->lock);
  return (i == 0 && n > 0) ? -1 : i;
}

// Read up to n bytes into user address addr, sleeping while the pipe is
// empty and a writer remains. 0 means end of file.
int piperead(struct pipe *pi, uint64 addr, int n)
{
  struct proc *p = myproc();
  int i = 0;

  acquire(&pi->lock);
  while (pi->nread == pi->nwrite && pi->writeopen) {
    if (killed(p)) {
      release(&pi->lock);
      return -1;
    }
    sleep(&pi->nread, &pi->lock);
  }
  while (i < n && pi->nread != pi->nwrite) {
    uint avail = pi->nwrite - pi->nread;
    uint m = ring_span(pi->nread, avail < (uint)(n - i) ? avail : (uint)(n - i));
    if (either_copyout(1, addr + i, &pi->data[pi->nread % PIPESIZE], m) < 0) {
      if (i == 0)
        i = -1;
      break;
    }
    pi->nread += m;
    i += m;
  }
  wakeup(&pi->nwrite);
  release(&pi->lock);
  return i;
}
