// Host test of the broken trace sibling (proc/trace/noinherit.c): it traces
// the caller as the correct one does, and its child starts untraced, the
// symptom its header names.
#include <criterion/criterion.h>
#include <string.h>

#include "kernel/types.h"
#include "kernel/syscall.h"
#include "kernel/proc/proc.h"
#include "kernel/proc/systable.h"
#include "kernel/proc/trace.h"
#include "kernel/proc/tests/trace_host.h"

Test(trace_noinherit, the_caller_is_traced_but_its_child_starts_untraced)
{
  struct proc child;

  memset(&trace_host_proc, 0, sizeof(trace_host_proc));
  trace_host_proc.pid = 7;
  trace_host_out[0] = '\0';
  trace_host_arg = 1 << SYS_fork;
  cr_assert_eq(sys_trace(), 0);
  trace_return(&trace_host_proc, SYS_fork, 8);
  cr_assert_str_eq(trace_host_out, "7: syscall fork -> 8\n");
  memset(&child, 0xff, sizeof(child));
  trace_fork(&trace_host_proc, &child);
  cr_assert_eq(child.tracemask, 0);
}
