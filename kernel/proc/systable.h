// The kernel side of the system-call table: syscall(), which dispatches on
// the SYS_ numbers of kernel/syscall.h (proc/syscall.c), and the handlers its
// table names. The handlers live beside what they operate on: proc/sysproc.c
// for processes, proc/syskstat.c for the counters, fs/sysfile.c for files.
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

// proc/syskstat.c
uint64 sys_kstat(void);

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
