// Host tests of the system-call name table that proc/sysnames.py generates
// from kernel/syscall.h: trace prints these names, so each number must name
// its own call, and numbers without a call must name none.
#include <criterion/criterion.h>
#include <string.h>

#include "kernel/syscall.h"
#include "kernel/proc/sysnames.h"

Test(sysnames, each_number_names_its_own_call)
{
  cr_assert_str_eq(syscall_name(SYS_fork), "fork");
  cr_assert_str_eq(syscall_name(SYS_read), "read");
  cr_assert_str_eq(syscall_name(SYS_exec), "exec");
  cr_assert_str_eq(syscall_name(SYS_open), "open");
  cr_assert_str_eq(syscall_name(SYS_close), "close");
  cr_assert_str_eq(syscall_name(SYS_trace), "trace");
  cr_assert_str_eq(syscall_name(SYS_sysinfo), "sysinfo");
  cr_assert_str_eq(syscall_name(SYS_kstat), "kstat");
}

Test(sysnames, xv6_calls_and_the_syscall_labs_fit_in_an_int_mask)
{
  // trace 2147483647 must cover every xv6 call and trace itself.
  for (int n = 1; n <= 21; n++)
    cr_assert_not_null(syscall_name(n), "call %d has no name", n);
  cr_assert_lt(SYS_trace, 31);
  cr_assert_lt(SYS_sysinfo, 31);
}

Test(sysnames, numbers_without_a_call_have_no_name)
{
  cr_assert_null(syscall_name(0));
  cr_assert_null(syscall_name(39));
  cr_assert_null(syscall_name(1000));
  cr_assert_null(syscall_name((uint64)-1));
}

Test(sysnames, no_two_numbers_share_a_name)
{
  for (int a = 0; a < 64; a++)
    for (int b = a + 1; b < 64; b++)
      if (syscall_name(a) && syscall_name(b))
        cr_assert_str_neq(syscall_name(a), syscall_name(b), "%d and %d", a, b);
}
