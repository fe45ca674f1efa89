// The machine-mode half of the timer (arch/mtimer.S), shared by the assembly
// and arch/timer.c: the layout of each hart's save area, found in mscratch.
#pragma once

#define MTIMER_SAVE_T0       0 // words of mtimer_scratch[hart]
#define MTIMER_SAVE_T1       1
#define MTIMER_MTIMECMP      2 // this hart's mtimecmp address in the CLINT
#define MTIMER_SCRATCH_WORDS 3

// What machine mode ends the machine with on a trap it does not expect.
#define MTIMER_UNEXPECTED_STATUS 112

#ifndef __ASSEMBLER__
#include "kernel/types.h"

// 1 if this hart has the stimecmp CSR (Sstc), 0 if reading it traps. Machine
// mode only, before mtvec is set; it leaves mstatus.MPP at user mode.
int sstc_probe(void);

// Machine mode's trap vector: the CLINT's timer interrupt and the kernel's
// ecall asking for a deadline.
void mtimervec(void);
#endif
