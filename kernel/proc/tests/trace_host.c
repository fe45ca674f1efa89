// What a trace sibling (proc/trace/*.c) calls, for the host: one process,
// argint reading a preset argument, and the kernel's printf, which keeps
// what it would have printed (it stands in for libc's in the test binary,
// as kernel/mm/tests/host.c's does).
#include <stdarg.h>
#include <stdio.h>

#include "kernel/types.h"
#include "kernel/lib/printf.h"
#include "kernel/proc/proc.h"
#include "kernel/proc/tests/trace_host.h"

struct proc trace_host_proc;
int trace_host_arg;
char trace_host_out[4096];

struct proc *myproc(void)
{
  return &trace_host_proc;
}

void argint(int n, int *ip)
{
  (void)n;
  *ip = trace_host_arg;
}

int printf(const char *fmt, ...)
{
  size_t len = 0;
  va_list ap;

  while (trace_host_out[len] != '\0')
    len++;
  va_start(ap, fmt);
  int n = vsnprintf(trace_host_out + len, sizeof(trace_host_out) - len, fmt, ap);
  va_end(ap);
  return n;
}
