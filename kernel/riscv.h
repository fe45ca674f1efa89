// RISC-V Sv39 paging constants and helpers, shared with user programs (xv6
// ABI). The kernel's CSR accessors live in kernel/arch/csr.h.
#pragma once

#define PGSIZE  4096 // bytes per page
#define PGSHIFT 12   // bits of offset within a page

#define PGROUNDUP(sz)  (((sz) + PGSIZE - 1) & ~(PGSIZE - 1))
#define PGROUNDDOWN(a) (((a)) & ~(PGSIZE - 1))

// A superpage: one leaf PTE in a level-1 table maps 512 pages, 2 MiB aligned
// in both address spaces (the pgtbl lab; MIT 6.1810's names).
#define SUPERPGSIZE         (2 * (1 << 20))
#define SUPERPGROUNDUP(sz)  (((sz) + SUPERPGSIZE - 1) & ~(SUPERPGSIZE - 1))
#define SUPERPGROUNDDOWN(a) ((a) & ~(SUPERPGSIZE - 1))

// Page table entry bits (RISC-V privileged spec, Sv39).
#define PTE_V   (1L << 0) // valid
#define PTE_R   (1L << 1)
#define PTE_W   (1L << 2)
#define PTE_X   (1L << 3)
#define PTE_U   (1L << 4) // user can access
#define PTE_G   (1L << 5) // global mapping
#define PTE_A   (1L << 6) // accessed
#define PTE_D   (1L << 7) // dirty
// Bits 8 and 9 are reserved for software (RSW). Bit 8 marks a page shared
// copy-on-write: by the kernel's fork in the cow lab (kernel/mm/cow.c), and
// by user-level fork through the page calls in the ucow lab (user/ufork.c).
#define PTE_COW (1L << 8)

// Shift a physical address to the right place for a PTE, and back.
#define PA2PTE(pa)     ((((uint64)pa) >> 12) << 10)
#define PTE2PA(pte)    (((pte) >> 10) << 12)
#define PTE_FLAGS(pte) ((pte)&0x3FF)

// Extract the three 9-bit page table indices from a virtual address.
#define PXMASK         0x1FF // 9 bits
#define PXSHIFT(level) (PGSHIFT + (9 * (level)))
#define PX(level, va)  ((((uint64)(va)) >> PXSHIFT(level)) & PXMASK)

// One beyond the highest possible virtual address. MAXVA is one bit less than
// Sv39 allows, so that no address needs sign extension.
#define MAXVA (1L << (9 + 9 + 9 + 12 - 1))

// scause: why a trap was taken (privileged spec, supervisor cause register).
// The kernel's trap handlers use them, and so does a ucow fault handler,
// which gets scause in its struct ufault_frame (kernel/ufault.h).
#define SCAUSE_INTR             (1UL << 63) // set for an interrupt
#define SCAUSE_S_TIMER          (SCAUSE_INTR | 5)
#define SCAUSE_S_EXTERNAL       (SCAUSE_INTR | 9)
#define SCAUSE_INSN_MISALIGNED  0
#define SCAUSE_INSN_ACCESS      1
#define SCAUSE_ILLEGAL_INSN     2
#define SCAUSE_BREAKPOINT       3
#define SCAUSE_LOAD_MISALIGNED  4
#define SCAUSE_LOAD_ACCESS      5
#define SCAUSE_STORE_MISALIGNED 6
#define SCAUSE_STORE_ACCESS     7
#define SCAUSE_ECALL_U          8
#define SCAUSE_INSN_PFAULT      12
#define SCAUSE_LOAD_PFAULT      13
#define SCAUSE_STORE_PFAULT     15

#ifndef __ASSEMBLER__
typedef uint64 pte_t;
typedef uint64 *pagetable_t; // 512 PTEs; kept from xv6's ABI

// The current stack pointer; usable in user programs too.
static inline uint64 r_sp(void)
{
  uint64 x;
  asm volatile("mv %0, sp" : "=r"(x));
  return x;
}

// The frame pointer, s0: the kernel is compiled with frame pointers, so
// backtrace() can walk the stack from it (MIT's traps lab reads it here).
static inline uint64 r_fp(void)
{
  uint64 x;
  asm volatile("mv %0, s0" : "=r"(x));
  return x;
}

// The time CSR (10 MHz on QEMU virt); readable in user mode on rvlab.
static inline uint64 r_time(void)
{
  uint64 x;
  asm volatile("csrr %0, time" : "=r"(x));
  return x;
}
#endif
