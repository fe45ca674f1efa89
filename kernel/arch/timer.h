// The timer tick on a hart with the Sstc extension and on one without it
// (QEMU before 7.1, such as Ubuntu 22.04's 6.2), chosen at boot by asking the
// hart (arch/timer.c). Either way supervisor mode sees the same supervisor
// timer interrupt, and takes it back by arming the next deadline.
#pragma once

#include "kernel/types.h"

// Machine mode, once per hart, before anything else in start(): find out
// whether the hart has Sstc, set up the timer that way and arm the first
// tick. It leaves mstatus.MPP at user mode, so start() sets MPP after it.
void timer_init_hart(uint64 hartid);

// Supervisor mode: raise the supervisor timer interrupt when the time CSR
// reaches `when`, and take back the one raised before. Call with interrupts
// off, so the hart cannot change under it.
void timer_arm(uint64 when);

// "sstc" or "machine mode": which timer this hart uses, for the boot line.
const char *timer_kind(void);
