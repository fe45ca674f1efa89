// Fetching system-call arguments: from the argument registers the trampoline
// saved in the trapframe, and from user memory through mm/uaccess.h, so that
// a bad pointer gives -1.
#include "kernel/types.h"
#include "kernel/param.h"
#include "kernel/lib/printf.h"
#include "kernel/lib/string.h"
#include "kernel/mm/uaccess.h"
#include "kernel/proc/proc.h"
#include "kernel/proc/sysargs.h"

// The raw value of argument register a<n>.
static uint64 argraw(int n)
{
  struct trapframe *tf = myproc()->trapframe;
  switch (n) {
  case 0:
    return tf->a0;
  case 1:
    return tf->a1;
  case 2:
    return tf->a2;
  case 3:
    return tf->a3;
  case 4:
    return tf->a4;
  case 5:
    return tf->a5;
  }
  panic("argraw: no such argument");
}

void argint(int n, int *ip)
{
  *ip = (int)argraw(n);
}

// The address is not checked here: copyin/copyout check it when it is used.
void argaddr(int n, uint64 *ip)
{
  *ip = argraw(n);
}

// Copy the NUL-terminated string argument n into buf (max bytes). Its
// length, or -1.
int argstr(int n, char *buf, int max)
{
  uint64 addr;
  argaddr(n, &addr);
  return fetchstr(addr, buf, max);
}

// Fetch the uint64 at user address addr. 0 or -1. Whether the 8 bytes are
// the process's is copyin's rule, the one every user pointer meets
// (mm/uaccess/walk.c), not a check of its own against p->sz.
int fetchaddr(uint64 addr, uint64 *ip)
{
  if (copyin(myproc()->pagetable, ip, addr, sizeof(*ip)) < 0)
    return -1;
  return 0;
}

// Fetch the NUL-terminated string at user address addr into buf (at most
// max bytes, NUL included). Its length, or -1.
int fetchstr(uint64 addr, char *buf, int max)
{
  if (max <= 0)
    return -1;
  if (copyinstr(myproc()->pagetable, buf, addr, (uint64)max) < 0)
    return -1;
  return (int)strlen(buf);
}
