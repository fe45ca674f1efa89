// Inline accessors for the RISC-V control and status registers the kernel
// touches, and the bits it uses in them (RISC-V privileged spec 1.12, Sstc).
// Only kernel/arch/ and a few kernel files include this; user code cannot.
#pragma once

#ifndef __ASSEMBLER__ // arch/mtimer.S takes the bit names too
#include "kernel/types.h"
#endif
#include "kernel/riscv.h" // r_sp() and r_time() live there, shared with user code

// Timer period in cycles of the time CSR, which QEMU virt runs at 10 MHz:
// one tick every tenth of a second.
#define TICK_INTERVAL 1000000UL

// mstatus: previous privilege for mret, and machine interrupt enable.
#define MSTATUS_MPP_MASK (3UL << 11)
#define MSTATUS_MPP_M    (3UL << 11)
#define MSTATUS_MPP_S    (1UL << 11)
#define MSTATUS_MPP_U    (0UL << 11)
#define MSTATUS_MIE      (1UL << 3)

// sstatus: previous privilege for sret, interrupt enables, user memory access.
#define SSTATUS_SPP  (1UL << 8) // 1: trap came from supervisor mode
#define SSTATUS_SPIE (1UL << 5) // SIE to restore on sret
#define SSTATUS_UPIE (1UL << 4)
#define SSTATUS_SIE  (1UL << 1)  // supervisor interrupts enabled
#define SSTATUS_SUM  (1UL << 18) // supervisor may touch PTE_U pages
#define SSTATUS_UIE  (1UL << 0)

// sie / sip: supervisor external, timer and software interrupts.
#define SIE_SEIE (1UL << 9)
#define SIE_STIE (1UL << 5)
#define SIE_SSIE (1UL << 1)

// mie / mip: the machine-level view of the same bits, and the machine timer
// interrupt, which a hart without Sstc passes down as STIP (arch/mtimer.S).
#define MIE_STIE (1UL << 5)
#define MIE_MTIE (1UL << 7)
#define MIP_STIP (1UL << 5)

// mcause: the traps machine mode handles when the hart has no Sstc.
#define MCAUSE_M_TIMER ((1UL << 63) | 7)
#define MCAUSE_ECALL_S 9

// menvcfg.STCE lets supervisor mode use stimecmp (Sstc).
#define MENVCFG_STCE (1UL << 63)

// mcounteren / scounteren: which counters the next lower mode may read.
#define COUNTEREN_CY (1UL << 0)
#define COUNTEREN_TM (1UL << 1) // with Sstc this also opens stimecmp to S-mode
#define COUNTEREN_IR (1UL << 2)

// scause's codes are in kernel/riscv.h, shared with user fault handlers.

// satp: Sv39 mode with the physical page number of the root page table.
#define SATP_SV39            (8UL << 60)
#define MAKE_SATP(pagetable) (SATP_SV39 | (((uint64)(pagetable)) >> 12))

#ifndef __ASSEMBLER__

// Most CSRs follow one pattern; the names below are the assembler's, except
// stimecmp and menvcfg, which binutils may not know, so they go by number.
// Writes clobber "memory" so the compiler keeps loads and stores on their
// side of a satp or stvec change.
#define CSR_READER(name, csr)                                                                      \
  static inline uint64 r_##name(void)                                                              \
  {                                                                                                \
    uint64 x;                                                                                      \
    asm volatile("csrr %0, " #csr : "=r"(x));                                                      \
    return x;                                                                                      \
  }
#define CSR_WRITER(name, csr)                                                                      \
  static inline void w_##name(uint64 x)                                                            \
  {                                                                                                \
    asm volatile("csrw " #csr ", %0" : : "r"(x) : "memory");                                       \
  }
#define CSR_ACCESSORS(name, csr) CSR_READER(name, csr) CSR_WRITER(name, csr)

CSR_READER(mhartid, mhartid)
CSR_ACCESSORS(mstatus, mstatus)
CSR_ACCESSORS(mepc, mepc)
CSR_ACCESSORS(medeleg, medeleg)
CSR_ACCESSORS(mideleg, mideleg)
CSR_ACCESSORS(mie, mie)
CSR_ACCESSORS(mcounteren, mcounteren)
CSR_ACCESSORS(menvcfg, 0x30a)
CSR_ACCESSORS(mtvec, mtvec)
CSR_ACCESSORS(mscratch, mscratch)
CSR_ACCESSORS(pmpcfg0, pmpcfg0)
CSR_ACCESSORS(pmpaddr0, pmpaddr0)

CSR_ACCESSORS(sstatus, sstatus)
CSR_ACCESSORS(sip, sip)
CSR_ACCESSORS(sie, sie)
CSR_ACCESSORS(sepc, sepc)
CSR_ACCESSORS(stvec, stvec)
CSR_ACCESSORS(stimecmp, 0x14d)
CSR_ACCESSORS(scounteren, scounteren)
CSR_ACCESSORS(satp, satp)
CSR_READER(scause, scause)
CSR_READER(stval, stval)

// Flush every TLB entry of this hart (after changing a page table).
static inline void sfence_vma(void)
{
  asm volatile("sfence.vma zero, zero" : : : "memory");
}

// tp holds this hart's id while in the kernel (set by start(), saved in
// the trapframe across user mode).
static inline uint64 r_tp(void)
{
  uint64 x;
  asm volatile("mv %0, tp" : "=r"(x));
  return x;
}

static inline void w_tp(uint64 x)
{
  asm volatile("mv tp, %0" : : "r"(x));
}

static inline uint64 r_ra(void)
{
  uint64 x;
  asm volatile("mv %0, ra" : "=r"(x));
  return x;
}

// Supervisor interrupts on, off, and whether they are on. Setting and
// clearing the bit in one instruction leaves no window for a trap between a
// read and a write of sstatus.
static inline void intr_on(void)
{
  asm volatile("csrs sstatus, %0" : : "r"(SSTATUS_SIE) : "memory");
}

static inline void intr_off(void)
{
  asm volatile("csrc sstatus, %0" : : "r"(SSTATUS_SIE) : "memory");
}

static inline int intr_get(void)
{
  return (r_sstatus() & SSTATUS_SIE) != 0;
}

#endif // __ASSEMBLER__
