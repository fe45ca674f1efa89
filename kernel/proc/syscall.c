// System-call dispatch: the table from SYS_ numbers (kernel/syscall.h) to
// handlers, and the helpers handlers use to fetch their arguments from the
// trapframe and user memory (through mm/uaccess.h, so bad pointers give -1).
#include "kernel/types.h"
#include "kernel/param.h"
#include "kernel/syscall.h"
#include "kernel/lib/printf.h"
#include "kernel/lib/string.h"
#include "kernel/mm/uaccess.h"
#include "kernel/proc/proc.h"
#include "kernel/proc/syscalls.h"

static uint64 (*const syscall_table[])(void) = {
    [SYS_fork] = sys_fork,         [SYS_exit] = sys_exit,     [SYS_wait] = sys_wait,
    [SYS_pipe] = sys_pipe,         [SYS_read] = sys_read,     [SYS_kill] = sys_kill,
    [SYS_exec] = sys_exec,         [SYS_fstat] = sys_fstat,   [SYS_chdir] = sys_chdir,
    [SYS_dup] = sys_dup,           [SYS_getpid] = sys_getpid, [SYS_sbrk] = sys_sbrk,
    [SYS_sleep] = sys_sleep,       [SYS_uptime] = sys_uptime, [SYS_open] = sys_open,
    [SYS_write] = sys_write,       [SYS_mknod] = sys_mknod,   [SYS_unlink] = sys_unlink,
    [SYS_link] = sys_link,         [SYS_mkdir] = sys_mkdir,   [SYS_close] = sys_close,
    [SYS_poweroff] = sys_poweroff, [SYS_kstat] = sys_kstat,
};

#define NSYSCALL (sizeof(syscall_table) / sizeof(syscall_table[0]))

// Run the system call whose number the user put in a7; its result goes back
// in a0.
void syscall(void)
{
  struct proc *p = myproc();
  uint64 num = p->trapframe->a7;

  if (num < NSYSCALL && syscall_table[num]) {
    p->trapframe->a0 = syscall_table[num]();
  } else {
    printf("pid %d (%s): unknown system call %ld\n", p->pid, p->name, (long)num);
    p->trapframe->a0 = -1;
  }
}

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

// Fetch the uint64 at user address addr. All 8 bytes must lie inside the
// process's memory [0, sz). 0 or -1.
int fetchaddr(uint64 addr, uint64 *ip)
{
  struct proc *p = myproc();
  uint64 last = addr + sizeof(uint64);
  if (last < addr || last > p->sz)
    return -1;
  if (copyin(p->pagetable, ip, addr, sizeof(*ip)) < 0)
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
