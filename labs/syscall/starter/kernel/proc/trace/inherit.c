// trace(mask), as MIT's syscall lab specifies it: bit N of the mask traces
// system call N, and fork's child inherits the mask, so tracing a shell
// command traces every process it starts. docs/labs/syscall.md says what to
// write.
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
  // Your code here: fetch the mask (argint) and keep it in the process.
  return -1;
}

// Called by fork with the new child, before it runs.
void trace_fork(struct proc *parent, struct proc *child)
{
  // Your code here.
  (void)parent;
  (void)child;
}

// Called by syscall() after every system call of p, with its number and
// what it returned.
void trace_return(struct proc *p, uint64 num, uint64 ret)
{
  // Your code here: print "PID: syscall NAME -> RETURN" if p traces num.
  (void)p;
  (void)num;
  (void)ret;
}
