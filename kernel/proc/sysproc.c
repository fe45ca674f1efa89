// System calls about processes and time: fork, exit, wait, kill, getpid,
// sbrk, sleep (which prints a backtrace, lib/backtrace.h), uptime, and
// rvlab's poweroff. Thin wrappers that fetch arguments (proc/sysargs.c) and
// call into proc/proc.c.
#include "kernel/types.h"
#include "kernel/param.h"
#include "kernel/arch/arch.h"
#include "kernel/lib/backtrace.h"
#include "kernel/lib/spinlock.h"
#include "kernel/dev/poweroff.h"
#include "kernel/proc/proc.h"
#include "kernel/proc/sysargs.h"
#include "kernel/proc/systable.h"

uint64 sys_fork(void)
{
  return proc_fork();
}

uint64 sys_exit(void)
{
  int status;
  argint(0, &status);
  proc_exit(status);
}

uint64 sys_wait(void)
{
  uint64 status_addr;
  argaddr(0, &status_addr);
  return proc_wait(status_addr);
}

uint64 sys_kill(void)
{
  int pid;
  argint(0, &pid);
  return proc_kill(pid);
}

uint64 sys_getpid(void)
{
  return myproc()->pid;
}

// sbrk(n): returns the old break, or -1 with the size unchanged.
uint64 sys_sbrk(void)
{
  int n;
  argint(0, &n);
  uint64 old = myproc()->sz;
  if (growproc(n) < 0)
    return -1;
  return old;
}

// sleep(n): wait n ticks (n < 0 counts as 0). -1 if killed meanwhile.
// It prints the kernel's backtrace first, as MIT's traps lab asks: the
// grader checks that it passes through here, syscall() and usertrap().
uint64 sys_sleep(void)
{
  int n;
  backtrace();
  argint(0, &n);
  if (n < 0)
    n = 0;

  acquire(&tickslock);
  uint start = ticks;
  while (ticks - start < (uint)n) {
    if (killed(myproc())) {
      release(&tickslock);
      return -1;
    }
    sleep(&ticks, &tickslock);
  }
  release(&tickslock);
  return 0;
}

// Ticks since boot.
uint64 sys_uptime(void)
{
  acquire(&tickslock);
  uint now = ticks;
  release(&tickslock);
  return now;
}

// poweroff(status): end the machine; QEMU exits with status. The kernel
// panic's status is refused, and so is any that QEMU's 8-bit exit status
// would turn into it (dev/poweroff.c passes 1 to 65535 on).
uint64 sys_poweroff(void)
{
  int status;
  argint(0, &status);
  if (status > 0 && status <= 0xffff && (status & 0xff) == POWEROFF_PANIC_STATUS)
    return -1;
  poweroff(status);
}
