// The statistics() system call (SYS_statistics, the lock lab's): the lock
// statistics of lib/lockstat.c as text, copied out to the caller's buffer.
#include <stddef.h>

#include "kernel/types.h"
#include "kernel/riscv.h"
#include "kernel/lib/lockstat.h"
#include "kernel/mm/kalloc.h"
#include "kernel/mm/uaccess.h"
#include "kernel/proc/proc.h"
#include "kernel/proc/sysargs.h"
#include "kernel/proc/systable.h"

// statistics(buf, n): the number of bytes written to buf (at most n and at
// most a page), or -1 if buf is not writable user memory or n is negative.
uint64 sys_statistics(void)
{
  uint64 addr;
  int n;
  argaddr(0, &addr);
  argint(1, &n);
  if (n < 0)
    return -1;
  // The text is written into a page of its own: a kernel stack has no room.
  char *text = kalloc();
  if (text == NULL)
    return -1;
  int len = lockstat_format(text, n < PGSIZE ? n : PGSIZE);
  int err = copyout(myproc()->pagetable, addr, text, len);
  kfree(text);
  if (err != 0)
    return -1;
  return len;
}
