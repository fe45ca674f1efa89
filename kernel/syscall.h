// System call numbers. 1 to 21 are xv6's and never change meaning; rvlab's
// extensions take numbers above 21. The user stubs are generated from this file.
#pragma once

#define SYS_fork   1
#define SYS_exit   2
#define SYS_wait   3
#define SYS_pipe   4
#define SYS_read   5
#define SYS_kill   6
#define SYS_exec   7
#define SYS_fstat  8
#define SYS_chdir  9
#define SYS_dup    10
#define SYS_getpid 11
#define SYS_sbrk   12
#define SYS_sleep  13
#define SYS_uptime 14
#define SYS_open   15
#define SYS_write  16
#define SYS_mknod  17
#define SYS_unlink 18
#define SYS_link   19
#define SYS_mkdir  20
#define SYS_close  21

// rvlab extensions.
#define SYS_poweroff 22 // poweroff(status): end the QEMU run with an exit status
#define SYS_kstat    23 // kstat(struct kstat *): read the memory counters (kernel/kstat.h)
