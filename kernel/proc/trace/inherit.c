// trace(mask), as MIT's syscall lab specifies it: bit N of the mask traces
// system call N, and fork's child inherits the mask, so tracing a shell
// command traces every process it starts.
#include "kernel/types.h"
#include "kernel/lib/printf.h"
#include "kernel/proc/proc.h"
#include "kernel/proc/sysargs.h"
#include "kernel/proc/sysnames.h"
#include "kernel/proc/systable.h"
#include "kernel/proc/trace.h"

// trace(mask): from now on, the calls whose bits are set print as they
// return; the call to trace itself prints if its own bit is set.
uint64 sys_trace(void)
{
  int mask;

  argint(0, &mask);
  myproc()->tracemask = mask;
  return 0;
}

void trace_fork(struct proc *parent, struct proc *child)
{
  child->tracemask = parent->tracemask;
}

// The mask is an int, so calls numbered 31 and above are never traced.
void trace_return(struct proc *p, uint64 num, uint64 ret)
{
  if (num >= 31 || (p->tracemask & (1 << num)) == 0)
    return;
  printf("%d: syscall %s -> %d\n", p->pid, syscall_name(num), (int)ret);
}
