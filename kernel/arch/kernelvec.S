# Trap entry while in supervisor mode (stvec points here whenever the kernel
# runs). The interrupted code is C, so only the caller-saved registers need
# saving before calling kerneltrap() in trap.c; it saves the rest itself.

.section .text
.globl kerneltrap
.globl kernelvec
.balign 4                       # stvec's low two bits select the mode
kernelvec:
        # 17 registers, rounded up to keep sp 16-byte aligned.
        addi    sp, sp, -144
        sd      ra, 0(sp)
        sd      gp, 8(sp)
        sd      t0, 16(sp)
        sd      t1, 24(sp)
        sd      t2, 32(sp)
        sd      t3, 40(sp)
        sd      t4, 48(sp)
        sd      t5, 56(sp)
        sd      t6, 64(sp)
        sd      a0, 72(sp)
        sd      a1, 80(sp)
        sd      a2, 88(sp)
        sd      a3, 96(sp)
        sd      a4, 104(sp)
        sd      a5, 112(sp)
        sd      a6, 120(sp)
        sd      a7, 128(sp)

        call    kerneltrap

        # tp is not restored: a timer interrupt may have yielded, and this
        # thread may now run on another hart, whose id tp already holds.
        ld      ra, 0(sp)
        ld      gp, 8(sp)
        ld      t0, 16(sp)
        ld      t1, 24(sp)
        ld      t2, 32(sp)
        ld      t3, 40(sp)
        ld      t4, 48(sp)
        ld      t5, 56(sp)
        ld      t6, 64(sp)
        ld      a0, 72(sp)
        ld      a1, 80(sp)
        ld      a2, 88(sp)
        ld      a3, 96(sp)
        ld      a4, 104(sp)
        ld      a5, 112(sp)
        ld      a6, 120(sp)
        ld      a7, 128(sp)
        addi    sp, sp, 144

        sret
