// How the other harts wait while hart 0 boots the machine: asleep in wfi,
// not spinning. Under QEMU every hart is a host thread, so a spinning hart
// takes a host core away from hart 0 and its boot: with 3 harts on a 2-core
// host, spinning made hart 0's page allocator setup alone take half a second.
#include "kernel/types.h"
#include "kernel/arch/arch.h"
#include "kernel/arch/csr.h"
#include "kernel/arch/timer.h"

// A millisecond of the 10 MHz time CSR: how often a waiting hart looks again.
#define BOOT_POLL_INTERVAL 10000UL

void boot_wait(volatile int *ready)
{
  while (!*ready) {
    // The timer wakes wfi even with interrupts off (sie.STIE is set), and
    // arming it again takes back the interrupt it raised last time.
    timer_arm(r_time() + BOOT_POLL_INTERVAL);
    asm volatile("wfi");
  }
  timer_arm(r_time() + TICK_INTERVAL);
}
