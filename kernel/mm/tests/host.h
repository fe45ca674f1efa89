// Host-side support for the mm unit tests: a page-aligned arena that stands
// in for physical RAM, and the process the fork tests copy. host.c provides
// the kernel functions the mm code calls besides locks and panic, which
// kernel/lib/tests/hostlock.c stands in for (EXPECT_PANIC is there).
#pragma once

#include "kernel/types.h"
#include "kernel/riscv.h"
#include "kernel/proc/proc.h"
#include "kernel/lib/tests/hostlock.h"

// Hand an arena of npages fresh pages to kalloc_init; returns its start.
char *host_arena(int npages);

// A process shaped like an exec'd one, built in a fresh page table: a text
// page (R|X), a data page (R|W), a guard page without PTE_U, and a stack
// page. Page i is filled with the byte 'a' + i. HOST_PROCESS_SZ is its size.
#define HOST_PROCESS_SZ (4 * PGSIZE)
pagetable_t host_process(void);

// The kernel address of the page va maps in pt; fails the test if none.
unsigned char *host_page(pagetable_t pt, uint64 va);

// What usertrap() does with a user store fault at va: hand the fork policy
// va's user PTE (uvm_user_pte). 0 if the policy resolved the fault.
int host_store_fault(pagetable_t pt, uint64 va);

// The hart the calling thread plays, what cpuid() returns (tests/host_cpu.c).
extern _Thread_local int host_cpu;

// What myproc() and argaddr() return to code under test (sys_kstat).
extern struct proc host_proc;
extern uint64 host_syscall_args[6];
