// Physical and virtual memory layout of QEMU's -machine virt, and of the
// kernel's and user programs' address spaces (xv6 ABI values).
//
// Physical addresses, from QEMU's hw/riscv/virt.c memory map:
//   0x00001000 boot ROM (unused with -bios none)
//   0x00100000 test device ("sifive_test"): a store powers the machine off
//   0x02000000 CLINT
//   0x0c000000 PLIC
//   0x10000000 UART0 (16550)
//   0x10001000 virtio-mmio disk
//   0x80000000 RAM; -kernel loads the kernel here, and harts start here
#pragma once

#define VIRT_TEST 0x100000L

// The CLINT's timer: one 64-bit deadline per hart, which machine mode alone
// can write. The kernel uses it only on a hart without Sstc (arch/timer.c).
#define CLINT                  0x2000000L
#define CLINT_MTIMECMP(hartid) (CLINT + 0x4000 + 8 * (hartid))

#define UART0     0x10000000L
#define UART0_IRQ 10

#define VIRTIO0     0x10001000L
#define VIRTIO0_IRQ 1

#define PLIC                 0x0c000000L
#define PLIC_PRIORITY        (PLIC + 0x0)
#define PLIC_PENDING         (PLIC + 0x1000)
#define PLIC_SENABLE(hart)   (PLIC + 0x2080 + (hart)*0x100)
#define PLIC_SPRIORITY(hart) (PLIC + 0x201000 + (hart)*0x2000)
#define PLIC_SCLAIM(hart)    (PLIC + 0x201004 + (hart)*0x2000)

// RAM starts at KERNBASE. PHYSTOP is where it ends on the default 128 MiB
// machine, as in xv6; the kernel itself uses the RAM the machine has (the
// device tree says how much: kernel/main.c), mapped one-to-one.
#define KERNBASE 0x80000000L
#define PHYSTOP  (KERNBASE + 128 * 1024 * 1024)

// The trampoline page (trap entry and exit code) sits at the highest virtual
// address, in both user and kernel page tables.
#define TRAMPOLINE (MAXVA - PGSIZE)

// Kernel stacks sit below the trampoline, each with an unmapped guard page.
#define KSTACK(p) (TRAMPOLINE - ((p) + 1) * 2 * PGSIZE)

// User address space, from 0 up:
//   text (read+execute), data and bss (read+write, own pages), guard page,
//   USERSTACK stack pages, heap grown by sbrk, ..., USYSCALL, TRAPFRAME,
//   TRAMPOLINE.
#define TRAPFRAME (TRAMPOLINE - PGSIZE)

// A page the kernel shares read-only with each process (the pgtbl lab), so
// that a user program reads facts such as its pid without a system call.
#define USYSCALL (TRAPFRAME - PGSIZE)

#ifndef __ASSEMBLER__
// What the USYSCALL page holds: ugetpid() in the user library reads it.
struct usyscall {
  int pid; // the process's pid
};
#endif
