// The timer tick, chosen per hart at boot. With Sstc, supervisor mode writes
// its own deadline into stimecmp. Without it, only machine mode can reach
// the deadline, the CLINT's mtimecmp, so the kernel asks for one with an
// ecall and machine mode passes the machine timer interrupt down as a
// supervisor timer interrupt (arch/mtimer.S), as SBI firmware does.
#include "kernel/types.h"
#include "kernel/param.h"
#include "kernel/memlayout.h"
#include "kernel/arch/arch.h"
#include "kernel/arch/csr.h"
#include "kernel/arch/timer.h"
#include "kernel/arch/mtimer.h"

// Written in machine mode by each hart for itself, read in supervisor mode.
static char hart_has_sstc[NCPU];

// Machine mode's save area for mtimervec, one row per hart (mtimer.h).
static uint64 mtimer_scratch[NCPU][MTIMER_SCRATCH_WORDS];

// Let supervisor mode program its own timer through stimecmp.
static void sstc_init(void)
{
  w_menvcfg(r_menvcfg() | MENVCFG_STCE);
  w_stimecmp(r_time() + TICK_INTERVAL);
}

// Machine mode keeps the deadline in the CLINT and forwards its interrupt.
static void mtimer_init(uint64 hartid)
{
  volatile uint64 *mtimecmp = (volatile uint64 *)CLINT_MTIMECMP(hartid);
  *mtimecmp = r_time() + TICK_INTERVAL;
  w_mie(r_mie() | MIE_MTIE);
}

void timer_init_hart(uint64 hartid)
{
  // Supervisor mode (and user mode, through scounteren) may read the cycle,
  // time and instret counters; with Sstc, TM also opens stimecmp.
  w_mcounteren(r_mcounteren() | COUNTEREN_CY | COUNTEREN_TM | COUNTEREN_IR);

  // mtvec stays set with Sstc too, so that a trap machine mode does not
  // expect ends the machine with a status instead of hanging.
  mtimer_scratch[hartid][MTIMER_MTIMECMP] = CLINT_MTIMECMP(hartid);
  w_mscratch((uint64)mtimer_scratch[hartid]);
  hart_has_sstc[hartid] = sstc_probe();
  w_mtvec((uint64)mtimervec);

  if (hart_has_sstc[hartid])
    sstc_init();
  else
    mtimer_init(hartid);
  w_mie(r_mie() | MIE_STIE);
}

void timer_arm(uint64 when)
{
  if (hart_has_sstc[cpuid()]) {
    // Writing stimecmp also takes back the interrupt it raised.
    w_stimecmp(when);
    return;
  }
  // mtimervec's request: a0 is the deadline; it preserves every register.
  register uint64 a0 asm("a0") = when;
  asm volatile("ecall" : : "r"(a0) : "memory");
}

const char *timer_kind(void)
{
  return hart_has_sstc[cpuid()] ? "sstc" : "machine mode";
}
