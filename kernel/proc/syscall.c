// System-call dispatch: the table from SYS_ numbers (kernel/syscall.h) to
// the handlers of proc/systable.h. The handlers fetch their own arguments
// (proc/sysargs.c).
#include "kernel/types.h"
#include "kernel/param.h"
#include "kernel/syscall.h"
#include "kernel/lib/printf.h"
#include "kernel/proc/proc.h"
#include "kernel/proc/systable.h"
#include "kernel/proc/trace.h"
#include "kernel/proc/alarm.h"

static uint64 (*const syscall_table[])(void) = {
    [SYS_fork] = sys_fork,
    [SYS_exit] = sys_exit,
    [SYS_wait] = sys_wait,
    [SYS_pipe] = sys_pipe,
    [SYS_read] = sys_read,
    [SYS_kill] = sys_kill,
    [SYS_exec] = sys_exec,
    [SYS_fstat] = sys_fstat,
    [SYS_chdir] = sys_chdir,
    [SYS_dup] = sys_dup,
    [SYS_getpid] = sys_getpid,
    [SYS_sbrk] = sys_sbrk,
    [SYS_sleep] = sys_sleep,
    [SYS_uptime] = sys_uptime,
    [SYS_open] = sys_open,
    [SYS_write] = sys_write,
    [SYS_mknod] = sys_mknod,
    [SYS_unlink] = sys_unlink,
    [SYS_link] = sys_link,
    [SYS_mkdir] = sys_mkdir,
    [SYS_close] = sys_close,
    // The course labs' calls, lab by lab: syscall, pgtbl, traps, lock.
    // syscall lab
    [SYS_trace] = sys_trace,
    [SYS_sysinfo] = sys_sysinfo,
    // pgtbl lab
    [SYS_pgpte] = sys_pgpte,
    [SYS_kpgtbl] = sys_kpgtbl,
    // traps lab
    [SYS_sigalarm] = sys_sigalarm,
    [SYS_sigreturn] = sys_sigreturn,
    // lock lab
    [SYS_statistics] = sys_statistics,
    [SYS_poweroff] = sys_poweroff,
    [SYS_kstat] = sys_kstat,
    [SYS_upcall_set] = sys_upcall_set,
    [SYS_upcall_return] = sys_upcall_return,
    [SYS_page_alloc] = sys_page_alloc,
    [SYS_page_map] = sys_page_map,
    [SYS_page_unmap] = sys_page_unmap,
    [SYS_page_perm] = sys_page_perm,
    [SYS_exofork] = sys_exofork,
    [SYS_proc_start] = sys_proc_start,
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
    trace_return(p, num, p->trapframe->a0);
  } else {
    printf("pid %d (%s): unknown system call %ld\n", p->pid, p->name, (long)num);
    p->trapframe->a0 = -1;
  }
}
