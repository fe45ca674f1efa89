// The platform-level interrupt controller of QEMU's virt machine: sends the
// UART and virtio disk interrupts to hart 0's supervisor mode. Register
// addresses come from memlayout.h (the SiFive PLIC layout QEMU follows).
#include "kernel/types.h"
#include "kernel/memlayout.h"
#include "kernel/arch/arch.h"
#include "kernel/dev/plic.h"

static void plic_write(uint64 addr, uint32 value)
{
  *(volatile uint32 *)addr = value;
}

static uint32 plic_read(uint64 addr)
{
  return *(volatile uint32 *)addr;
}

// Once, on the boot hart: a source with priority 0 never interrupts.
void plicinit(void)
{
  plic_write(PLIC_PRIORITY + UART0_IRQ * 4, 1);
  plic_write(PLIC_PRIORITY + VIRTIO0_IRQ * 4, 1);
}

// On every hart: hart 0 takes both sources, the others none; any priority
// above the threshold 0. A source enabled on every hart interrupts every
// hart, and all but one find nothing to claim: each disk completion woke
// all three harts, and under QEMU, whose harts are host threads, the woken
// ones took host cores from the hart that had work (two gradings side by
// side ran three times slower than one alone; docs/profile.md). A process
// waiting for the disk still runs on any hart: wakeup() makes it runnable,
// and the next hart to look picks it up.
void plicinithart(void)
{
  int hart = cpuid();
  uint32 sources = (1u << UART0_IRQ) | (1u << VIRTIO0_IRQ);

  plic_write(PLIC_SENABLE(hart), hart == 0 ? sources : 0);
  plic_write(PLIC_SPRIORITY(hart), 0);
}

int plic_claim(void)
{
  return plic_read(PLIC_SCLAIM(cpuid()));
}

// Tell the PLIC this hart is done with irq, so it may be raised again.
void plic_complete(int irq)
{
  plic_write(PLIC_SCLAIM(cpuid()), irq);
}
