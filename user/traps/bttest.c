// bttest: one sleep system call, whose kernel side prints a backtrace (the
// traps lab). The grader symbolizes the backtrace lines and checks that they
// go through sys_sleep, syscall and usertrap; this program only says it got
// back to user mode.
#include "kernel/types.h"
#include "user/user.h"
#include "user/tag.h"

int main(void)
{
  sleep(1);
  tag_line("bttest: back from sleep", (char *)0);
  exit(0);
}
