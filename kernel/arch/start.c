// Machine-mode setup, run once per hart by entry.S on its boot stack: hand
// every trap and interrupt to supervisor mode, open memory and the timer to
// it, and mret into main() in supervisor mode. The timer works with Sstc
// and without it (arch/timer.c).
#include "kernel/types.h"
#include "kernel/arch/csr.h"
#include "kernel/arch/arch.h"
#include "kernel/arch/timer.h"

void start(uint64 hartid, uint64 dtb);
void main(void); // kernel/main.c; entered in supervisor mode

// QEMU's reset code hands every hart the device tree's address in a1, and
// entry.S leaves a1 alone on its way here.
uint64 boot_dtb;

void start(uint64 hartid, uint64 dtb)
{
  if (hartid == 0)
    boot_dtb = dtb;
  // First, as its probe for Sstc takes a trap, which rewrites mstatus.MPP.
  timer_init_hart(hartid);

  // mret will drop to supervisor mode at main(), with paging off.
  uint64 status = r_mstatus();
  status = (status & ~MSTATUS_MPP_MASK) | MSTATUS_MPP_S;
  w_mstatus(status);
  w_mepc((uint64)main);
  w_satp(0);

  // Every exception and interrupt goes straight to supervisor mode, except
  // the kernel's own ecall, which asks machine mode for a timer deadline on
  // a hart without Sstc. Bits for causes that cannot be delegated read back
  // as zero, which is harmless.
  w_medeleg(0xffff & ~(1UL << MCAUSE_ECALL_S));
  w_mideleg(0xffff);
  w_sie(r_sie() | SIE_SEIE | SIE_STIE);

  // One top-of-range PMP entry covering all physical memory, read, write
  // and execute: without any entry, supervisor mode could touch nothing.
  w_pmpaddr0(0x3fffffffffffffUL);
  w_pmpcfg0(0xf);

  // cpuid() reads the hart id from tp from now on.
  w_tp(r_mhartid());

  asm volatile("mret");
}
