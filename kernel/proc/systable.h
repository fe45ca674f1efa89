// The kernel side of the system-call table: syscall(), which dispatches on
// the SYS_ numbers of kernel/syscall.h (proc/syscall.c), and the handlers its
// table names. The handlers live beside what they operate on: proc/sysproc.c
// for processes, proc/syskstat.c for the counters, proc/upcall.c and
// proc/syspage.c for user page faults and the page calls, fs/sysfile.c for files.
#pragma once

#include "kernel/types.h"

// Called from usertrap() for an ecall; result goes to trapframe->a0.
void syscall(void);

// proc/sysproc.c
uint64 sys_fork(void);
uint64 sys_exit(void);
uint64 sys_wait(void);
uint64 sys_kill(void);
uint64 sys_getpid(void);
uint64 sys_sbrk(void);
uint64 sys_sleep(void);
uint64 sys_uptime(void);
uint64 sys_poweroff(void);

// proc/trace/*.c and proc/sysinfo.c (syscall lab)
uint64 sys_trace(void);
uint64 sys_sysinfo(void);

// proc/syskstat.c
uint64 sys_kstat(void);

// proc/syslockstat.c
uint64 sys_statistics(void);

// proc/syspgtbl.c (the pgtbl lab)
uint64 sys_pgpte(void);
uint64 sys_kpgtbl(void);

// proc/upcall.c
uint64 sys_upcall_set(void);
uint64 sys_upcall_return(void);

// proc/syspage.c
uint64 sys_page_alloc(void);
uint64 sys_page_map(void);
uint64 sys_page_unmap(void);
uint64 sys_page_perm(void);
uint64 sys_exofork(void);
uint64 sys_proc_start(void);

// fs/sysfile.c
uint64 sys_pipe(void);
uint64 sys_read(void);
uint64 sys_write(void);
uint64 sys_close(void);
uint64 sys_exec(void);
uint64 sys_fstat(void);
uint64 sys_chdir(void);
uint64 sys_dup(void);
uint64 sys_open(void);
uint64 sys_mknod(void);
uint64 sys_unlink(void);
uint64 sys_link(void);
uint64 sys_mkdir(void);
