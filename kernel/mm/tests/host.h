// Host-side support for the mm unit tests: a page-aligned arena that stands
// in for physical RAM, and a way to expect a kernel panic. host.c provides
// the kernel functions (panic, locks) that the mm code calls.
#pragma once

#include <setjmp.h>
#include "kernel/types.h"
#include "kernel/riscv.h"
#include "kernel/proc/proc.h"

// Hand an arena of npages fresh pages to kalloc_init; returns its start.
char *host_arena(int npages);

// While host_panic_armed is set, panic() longjmps to host_panic_jmp instead
// of failing the test. Use through EXPECT_PANIC.
extern jmp_buf host_panic_jmp;
extern volatile int host_panic_armed;
extern const char *volatile host_panic_msg;

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

// Spin iterations release() waits after unlocking, standing in for an
// interrupt that lands there in the kernel; 0 unless a race test sets it.
extern volatile int host_release_delay;

// What myproc() and argaddr() return to code under test (sys_kstat).
extern struct proc host_proc;
extern uint64 host_syscall_args[6];

// Run stmt and report whether it panicked (1) or returned (0).
#define EXPECT_PANIC(stmt)                                                                         \
  ({                                                                                               \
    volatile int panicked_ = 1;                                                                    \
    host_panic_armed = 1;                                                                          \
    if (setjmp(host_panic_jmp) == 0) {                                                             \
      stmt;                                                                                        \
      panicked_ = 0;                                                                               \
    }                                                                                              \
    host_panic_armed = 0;                                                                          \
    panicked_;                                                                                     \
  })
