// The machine-dependent entry points the rest of the kernel calls: trap
// setup and return, the context switch, the timer tick, and the symbols the
// linker script (arch/kernel.ld) defines.
#pragma once

#include "kernel/types.h"
#include "kernel/lib/spinlock.h"

struct context;

// Linker-script symbols (arch/kernel.ld): end of kernel text, start of the
// trampoline page, and first address after the kernel image.
extern char etext[];
extern char trampoline[];
extern char end[];

// The physical address of the device-tree blob QEMU passed in a1 at reset
// (arch/start.c keeps it): main() reads the size of RAM from it.
extern uint64 boot_dtb;

// Timer ticks since boot (one every TICK_INTERVAL cycles of the time CSR),
// guarded by tickslock; sleep() waits on &ticks.
extern uint ticks;
extern struct spinlock tickslock;

void trapinit(void);
void trapinithart(void);

// Return to user space from the current process's trapframe.
void usertrapret(void) __attribute__((noreturn));

// Save callee-saved registers in old, load them from new (arch/swtch.S).
void swtch(struct context *old, struct context *new);

// Sleep until *ready is set (arch/bootwait.c): the other harts' wait for hart 0.
void boot_wait(volatile int *ready);

// Turn paging on for this hart with kernel_pagetable.
void kvminithart(void);

// The id of the hart running this code (arch/cpuid.c). Only stable while
// interrupts are off: with them on, the thread may move to another hart.
int cpuid(void);
