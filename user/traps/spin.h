// The register-checking spin loops of alarmtest (user/traps/spin.S): what
// the assembly and the C agree on.
#pragma once

// The value alarm_spin_regs puts in the i-th register it checks, and the one
// alarm_spin_a0 puts in a0.
#define SPIN_VALUE(i) (0x7a1a0000 + (i))
#define SPIN_A0_VALUE 0x0a0a5a5a

#ifndef __ASSEMBLER__
#include "kernel/types.h"

// Spin until *count >= target or the time CSR reaches deadline. 0: reached
// with the registers intact; 1: deadline; 2: sp changed; 3 + i: the i-th
// checked register changed (ra, s0-s11, t0-t2, a1-a7). For alarm_spin_a0,
// 2 means a0 changed.
int alarm_spin_regs(volatile int *count, int target, uint64 deadline);
int alarm_spin_a0(volatile int *count, int target, uint64 deadline);
#endif
