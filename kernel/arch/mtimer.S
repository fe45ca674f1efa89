# The machine-mode half of the timer (arch/timer.c): the probe for Sstc, and
# the trap vector that, on a hart without Sstc, turns the CLINT's machine
# timer interrupt into a supervisor timer interrupt. Machine mode runs with
# paging off; everything else traps straight to supervisor mode (medeleg and
# mideleg), so only these reach here.
#include "kernel/memlayout.h"
#include "kernel/arch/csr.h"
#include "kernel/arch/mtimer.h"

.section .text

# int sstc_probe(void): read stimecmp under a trap vector of our own. A hart
# without Sstc takes an illegal-instruction trap, and sstc_absent resumes
# after the read with a0 = 0.
.globl sstc_probe
sstc_probe:
        la      t0, sstc_absent
        csrrw   t0, mtvec, t0
        li      a0, 1
        csrr    t1, 0x14d               # stimecmp, by number for old binutils
        csrw    mtvec, t0
        ret

.balign 4                               # mtvec's low two bits select the mode
sstc_absent:
        li      a0, 0
        csrr    t1, mepc
        addi    t1, t1, 4               # csrr has no compressed form
        csrw    mepc, t1
        mret

# mscratch holds this hart's row of mtimer_scratch. Every register the
# interrupted code had is preserved, a0 included.
.globl mtimervec
.balign 4
mtimervec:
        csrrw   a0, mscratch, a0        # a0 = save area, mscratch = old a0
        sd      t0, MTIMER_SAVE_T0*8(a0)
        sd      t1, MTIMER_SAVE_T1*8(a0)
        csrr    t0, mcause
        li      t1, MCAUSE_M_TIMER
        beq     t0, t1, timer_fired
        li      t1, MCAUSE_ECALL_S
        beq     t0, t1, timer_set
        # Nothing else is meant to trap to machine mode: say so through QEMU's
        # exit status, since machine mode has no console of its own.
        li      t0, VIRT_TEST
        li      t1, (MTIMER_UNEXPECTED_STATUS << 16) | 0x3333
        sw      t1, 0(t0)
1:      j       1b

# The deadline passed: raise the supervisor timer interrupt, and mask ours
# until the kernel asks for the next deadline.
timer_fired:
        li      t0, MIP_STIP
        csrs    mip, t0
        li      t0, MIE_MTIE
        csrc    mie, t0
        j       mtimer_return

# timer_arm's ecall: the new deadline is the caller's a0, now in mscratch.
# Storing it takes back the pending machine interrupt; clearing STIP takes
# back the supervisor interrupt raised for the old one.
timer_set:
        ld      t0, MTIMER_MTIMECMP*8(a0)
        csrr    t1, mscratch
        sd      t1, 0(t0)
        li      t0, MIP_STIP
        csrc    mip, t0
        li      t0, MIE_MTIE
        csrs    mie, t0
        csrr    t0, mepc
        addi    t0, t0, 4               # resume after the ecall
        csrw    mepc, t0

mtimer_return:
        ld      t0, MTIMER_SAVE_T0*8(a0)
        ld      t1, MTIMER_SAVE_T1*8(a0)
        csrrw   a0, mscratch, a0        # a0 back, mscratch = save area again
        mret
