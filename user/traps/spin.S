# The interrupted code of alarmtest's test1 and test3, in assembly so that
# the test knows which register holds what while an alarm interrupts it.
# Both spin until *count (t6) reaches target (t5) or the time CSR passes
# deadline (t4), then check the registers they filled before spinning.
#
#   alarm_spin_regs(count, target, deadline): ra, s0-s11, t0-t2 and a1-a7
#       hold known values, and sp is checked against the value it had. a0 is
#       left out on purpose: test3 is the check for a0.
#   alarm_spin_a0(count, target, deadline): only a0 holds a known value.
#
# Both return 0 when the count was reached with every checked register
# intact, 1 when the deadline passed first, 2 when sp changed and 3 + i
# when the i-th register of the list above (from 0) changed. Whatever an
# alarm did to sp, s0 and ra, they restore them from the value of sp saved
# in memory, so the caller always gets its own registers back.
#include "user/traps/spin.h"

.section .bss
.balign 8
spin_sp:
        .space 8

.section .text

# Save the caller's ra and s0-s11 on the stack, and sp in spin_sp.
.macro spin_enter
        addi sp, sp, -112
        sd ra, 0(sp)
        sd s0, 8(sp)
        sd s1, 16(sp)
        sd s2, 24(sp)
        sd s3, 32(sp)
        sd s4, 40(sp)
        sd s5, 48(sp)
        sd s6, 56(sp)
        sd s7, 64(sp)
        sd s8, 72(sp)
        sd s9, 80(sp)
        sd s10, 88(sp)
        sd s11, 96(sp)
        la t3, spin_sp
        sd sp, 0(t3)
        mv t6, a0
        mv t5, a1
        mv t4, a2
.endm

# Spin until the count or the deadline; t5 = 0 or 1 for which came first.
.macro spin_wait label
\label:
        lw t3, 0(t6)
        bge t3, t5, \label\()_reached
        rdtime t3
        bltu t3, t4, \label
        li t5, 1
        j \label\()_done
\label\()_reached:
        li t5, 0
\label\()_done:
.endm

# Give the caller back its registers from spin_sp, and a0 as the result.
.macro spin_leave
        la t3, spin_sp
        ld sp, 0(t3)
        ld ra, 0(sp)
        ld s0, 8(sp)
        ld s1, 16(sp)
        ld s2, 24(sp)
        ld s3, 32(sp)
        ld s4, 40(sp)
        ld s5, 48(sp)
        ld s6, 56(sp)
        ld s7, 64(sp)
        ld s8, 72(sp)
        ld s9, 80(sp)
        ld s10, 88(sp)
        ld s11, 96(sp)
        addi sp, sp, 112
        ret
.endm

# Fail with a0 = code unless reg holds value.
.macro expect reg, value, code
        li t3, \value
        li a0, \code
        bne \reg, t3, regs_fail
.endm

.global alarm_spin_regs
alarm_spin_regs:
        spin_enter
        li ra, SPIN_VALUE(0)
        li s0, SPIN_VALUE(1)
        li s1, SPIN_VALUE(2)
        li s2, SPIN_VALUE(3)
        li s3, SPIN_VALUE(4)
        li s4, SPIN_VALUE(5)
        li s5, SPIN_VALUE(6)
        li s6, SPIN_VALUE(7)
        li s7, SPIN_VALUE(8)
        li s8, SPIN_VALUE(9)
        li s9, SPIN_VALUE(10)
        li s10, SPIN_VALUE(11)
        li s11, SPIN_VALUE(12)
        li t0, SPIN_VALUE(13)
        li t1, SPIN_VALUE(14)
        li t2, SPIN_VALUE(15)
        li a1, SPIN_VALUE(16)
        li a2, SPIN_VALUE(17)
        li a3, SPIN_VALUE(18)
        li a4, SPIN_VALUE(19)
        li a5, SPIN_VALUE(20)
        li a6, SPIN_VALUE(21)
        li a7, SPIN_VALUE(22)
        spin_wait regs_spin
        la t3, spin_sp
        ld t3, 0(t3)
        li a0, 2
        bne sp, t3, regs_fail
        expect ra, SPIN_VALUE(0), 3
        expect s0, SPIN_VALUE(1), 4
        expect s1, SPIN_VALUE(2), 5
        expect s2, SPIN_VALUE(3), 6
        expect s3, SPIN_VALUE(4), 7
        expect s4, SPIN_VALUE(5), 8
        expect s5, SPIN_VALUE(6), 9
        expect s6, SPIN_VALUE(7), 10
        expect s7, SPIN_VALUE(8), 11
        expect s8, SPIN_VALUE(9), 12
        expect s9, SPIN_VALUE(10), 13
        expect s10, SPIN_VALUE(11), 14
        expect s11, SPIN_VALUE(12), 15
        expect t0, SPIN_VALUE(13), 16
        expect t1, SPIN_VALUE(14), 17
        expect t2, SPIN_VALUE(15), 18
        expect a1, SPIN_VALUE(16), 19
        expect a2, SPIN_VALUE(17), 20
        expect a3, SPIN_VALUE(18), 21
        expect a4, SPIN_VALUE(19), 22
        expect a5, SPIN_VALUE(20), 23
        expect a6, SPIN_VALUE(21), 24
        expect a7, SPIN_VALUE(22), 25
        mv a0, t5
regs_fail:
        spin_leave

.global alarm_spin_a0
alarm_spin_a0:
        spin_enter
        li a0, SPIN_A0_VALUE
        spin_wait a0_spin
        li t3, SPIN_A0_VALUE
        bne a0, t3, a0_changed
        mv a0, t5
        spin_leave
a0_changed:
        li a0, 2
        spin_leave
