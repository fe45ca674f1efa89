// System call numbers. 1 to 21 are xv6's and never change meaning. 22 to 31
// are the course labs' calls, numbered as MIT 6.1810's labs number them where
// a published test depends on it (trace's mask is an int, so every call it
// can trace must be below 31): trace 22, sysinfo 23 (syscall lab), pgpte 24,
// kpgtbl 25 (pgtbl), sigalarm 26, sigreturn 27 (traps), statistics 28 (lock);
// 29 to 31 are kept for the fs and mmap labs. rvlab's own calls follow from 40.
// The user stubs are generated from this file.
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

// The course labs' calls, lab by lab.
// syscall lab:
#define SYS_trace      22 // trace(mask): print the calls whose bits are set as they return
#define SYS_sysinfo    23 // sysinfo(struct sysinfo *): free memory and process count
// pgtbl lab:
#define SYS_pgpte      24 // pgpte(va): the leaf PTE that maps va, 0 if none
#define SYS_kpgtbl     25 // kpgtbl(): print the caller's page table
// traps lab:
#define SYS_sigalarm   26 // sigalarm(ticks, handler): run handler every ticks ticks of CPU time
#define SYS_sigreturn  27 // sigreturn(): from the handler, resume the interrupted code
// lock lab:
#define SYS_statistics 28 // statistics(buf, n): lock statistics as text (kernel/lib/lockstat.h)

// rvlab extensions.
#define SYS_poweroff 40 // poweroff(status): end the QEMU run with an exit status
#define SYS_kstat    41 // kstat(struct kstat *): read the memory counters (kernel/kstat.h)

// User-level page faults and page calls (-Dlab=ucow, kernel/ufault.h). pid
// is the caller (0 or its own pid) or its exofork child not yet started.
#define SYS_upcall_set    42 // upcall_set(pid, entry, xstacktop): register a fault handler
#define SYS_upcall_return 43 // upcall_return(frame): resume from a fault frame
#define SYS_page_alloc    44 // page_alloc(pid, va, perm): a zeroed page at va
#define SYS_page_map      45 // page_map(srcpid, srcva, dstpid, dstva, perm): share a page
#define SYS_page_unmap    46 // page_unmap(pid, va): unmap va's page
#define SYS_page_perm     47 // page_perm(pid, va): va's permission bits, 0 if unmapped
#define SYS_exofork       48 // exofork(): a child with no memory, asleep until started
#define SYS_proc_start    49 // proc_start(pid): let an exofork child run
