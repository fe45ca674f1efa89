// Host tests of the correct trace sibling (proc/trace/inherit.c): the mask
// is the caller's, a traced call prints MIT's line as it returns, an
// untraced one prints nothing, and fork's child inherits the mask.
#include <criterion/criterion.h>
#include <string.h>

#include "kernel/types.h"
#include "kernel/syscall.h"
#include "kernel/proc/proc.h"
#include "kernel/proc/systable.h"
#include "kernel/proc/trace.h"
#include "kernel/proc/tests/trace_host.h"

static void reset(int mask)
{
  memset(&trace_host_proc, 0, sizeof(trace_host_proc));
  trace_host_proc.pid = 3;
  trace_host_out[0] = '\0';
  trace_host_arg = mask;
  cr_assert_eq(sys_trace(), 0);
}

Test(trace, a_traced_call_prints_pid_name_and_return_value)
{
  reset(1 << SYS_read);
  trace_return(&trace_host_proc, SYS_read, 1023);
  trace_return(&trace_host_proc, SYS_read, (uint64)-1);
  cr_assert_str_eq(trace_host_out, "3: syscall read -> 1023\n3: syscall read -> -1\n");
}

Test(trace, calls_whose_bit_is_clear_print_nothing)
{
  reset(1 << SYS_read);
  trace_return(&trace_host_proc, SYS_write, 5);
  trace_return(&trace_host_proc, SYS_close, 0);
  cr_assert_str_eq(trace_host_out, "");
}

Test(trace, every_bit_of_an_int_traces_trace_itself_but_no_call_above_30)
{
  reset(2147483647);
  trace_return(&trace_host_proc, SYS_trace, 0);
  trace_return(&trace_host_proc, SYS_kstat, 0);
  trace_return(&trace_host_proc, 31, 0);
  cr_assert_str_eq(trace_host_out, "3: syscall trace -> 0\n");
}

Test(trace, fork_gives_the_child_the_parents_mask)
{
  struct proc child;

  reset(1 << SYS_fork);
  memset(&child, 0, sizeof(child));
  trace_fork(&trace_host_proc, &child);
  cr_assert_eq(child.tracemask, 1 << SYS_fork);
}
