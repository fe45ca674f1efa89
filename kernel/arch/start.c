// Machine-mode setup, run once per hart by entry.S on its boot stack: hand
// every trap and interrupt to supervisor mode, open memory and the timer to
// it, and mret into main() in supervisor mode. Relies on QEMU 7.2's Sstc.
#include "kernel/types.h"
#include "kernel/arch/csr.h"
#include "kernel/arch/arch.h"

void start(uint64 hartid, uint64 dtb);
void main(void); // kernel/main.c; entered in supervisor mode

// QEMU's reset code hands every hart the device tree's address in a1, and
// entry.S leaves a1 alone on its way here.
uint64 boot_dtb;

// Let supervisor mode program its own timer through stimecmp, read the
// counters, and get the first tick one interval from now.
static void timer_init(void)
{
  w_menvcfg(r_menvcfg() | MENVCFG_STCE);
  w_mcounteren(r_mcounteren() | COUNTEREN_CY | COUNTEREN_TM | COUNTEREN_IR);
  w_mie(r_mie() | MIE_STIE);
  w_stimecmp(r_time() + TICK_INTERVAL);
}

void start(uint64 hartid, uint64 dtb)
{
  if (hartid == 0)
    boot_dtb = dtb;
  // mret will drop to supervisor mode at main(), with paging off.
  uint64 status = r_mstatus();
  status = (status & ~MSTATUS_MPP_MASK) | MSTATUS_MPP_S;
  w_mstatus(status);
  w_mepc((uint64)main);
  w_satp(0);

  // Every exception and interrupt goes straight to supervisor mode; bits for
  // causes that cannot be delegated read back as zero, which is harmless.
  w_medeleg(0xffff);
  w_mideleg(0xffff);
  w_sie(r_sie() | SIE_SEIE | SIE_STIE);

  // One top-of-range PMP entry covering all physical memory, read, write
  // and execute: without any entry, supervisor mode could touch nothing.
  w_pmpaddr0(0x3fffffffffffffUL);
  w_pmpcfg0(0xf);

  timer_init();

  // cpuid() reads the hart id from tp from now on.
  w_tp(r_mhartid());

  asm volatile("mret");
}
