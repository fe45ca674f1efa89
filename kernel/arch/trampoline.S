# The trampoline: the one page of code mapped at TRAMPOLINE in every page
# table, user and kernel alike, so that it keeps running while satp switches
# between them. uservec enters the kernel from user mode; userret leaves.
# Trapframe offsets are those of struct trapframe in kernel/proc/proc.h.
# kernel.ld places section trampsec on a page of its own and checks its size.
#include "kernel/riscv.h"
#include "kernel/memlayout.h"

.section trampsec, "ax"
.balign 4096
.globl trampoline
.globl uservec
.globl userret
trampoline:

# stvec points here while user code runs. All user registers still hold user
# values and satp is the user page table, in which TRAPFRAME is mapped (not
# user-accessible). sscratch lends one register to get started.
.balign 4
uservec:
        csrw    sscratch, a0
        li      a0, TRAPFRAME

        sd      ra, 40(a0)
        sd      sp, 48(a0)
        sd      gp, 56(a0)
        sd      tp, 64(a0)
        sd      t0, 72(a0)
        sd      t1, 80(a0)
        sd      t2, 88(a0)
        sd      s0, 96(a0)
        sd      s1, 104(a0)
        sd      a1, 120(a0)
        sd      a2, 128(a0)
        sd      a3, 136(a0)
        sd      a4, 144(a0)
        sd      a5, 152(a0)
        sd      a6, 160(a0)
        sd      a7, 168(a0)
        sd      s2, 176(a0)
        sd      s3, 184(a0)
        sd      s4, 192(a0)
        sd      s5, 200(a0)
        sd      s6, 208(a0)
        sd      s7, 216(a0)
        sd      s8, 224(a0)
        sd      s9, 232(a0)
        sd      s10, 240(a0)
        sd      s11, 248(a0)
        sd      t3, 256(a0)
        sd      t4, 264(a0)
        sd      t5, 272(a0)
        sd      t6, 280(a0)
        csrr    t0, sscratch            # the user's a0
        sd      t0, 112(a0)

        # The kernel fields were filled in by usertrapret().
        ld      sp, 8(a0)               # kernel_sp
        ld      tp, 32(a0)              # kernel_hartid
        ld      t0, 16(a0)              # kernel_trap: usertrap()
        ld      t1, 0(a0)               # kernel_satp

        # Wait for the user's memory accesses to finish, switch to the kernel
        # page table, and drop user translations from the TLB.
        sfence.vma zero, zero
        csrw    satp, t1
        sfence.vma zero, zero

        # usertrap() never returns here; it leaves through usertrapret().
        jr      t0

# userret(satp): called by usertrapret() with the user page table in a0.
userret:
        sfence.vma zero, zero
        csrw    satp, a0
        sfence.vma zero, zero

        li      a0, TRAPFRAME
        ld      ra, 40(a0)
        ld      sp, 48(a0)
        ld      gp, 56(a0)
        ld      tp, 64(a0)
        ld      t0, 72(a0)
        ld      t1, 80(a0)
        ld      t2, 88(a0)
        ld      s0, 96(a0)
        ld      s1, 104(a0)
        ld      a1, 120(a0)
        ld      a2, 128(a0)
        ld      a3, 136(a0)
        ld      a4, 144(a0)
        ld      a5, 152(a0)
        ld      a6, 160(a0)
        ld      a7, 168(a0)
        ld      s2, 176(a0)
        ld      s3, 184(a0)
        ld      s4, 192(a0)
        ld      s5, 200(a0)
        ld      s6, 208(a0)
        ld      s7, 216(a0)
        ld      s8, 224(a0)
        ld      s9, 232(a0)
        ld      s10, 240(a0)
        ld      s11, 248(a0)
        ld      t3, 256(a0)
        ld      t4, 264(a0)
        ld      t5, 272(a0)
        ld      t6, 280(a0)
        ld      a0, 112(a0)             # last, since it held the base

        # sret goes to sepc in the mode sstatus.SPP names (user), as set by
        # usertrapret().
        sret
