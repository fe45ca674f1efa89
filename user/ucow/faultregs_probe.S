# faultregs_probe(va, after): give every register but sp a known value
# (x_i = 0x5eed0000 + i; t6 = va), store to va, which faults, and write every
# register as it is after the handler returned into after[31], indexed as
# ufault_frame.x. faultregs_insn labels the faulting store.
.section .text
.global faultregs_probe
.global faultregs_insn
faultregs_probe:
        addi sp, sp, -128
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
        sd gp, 104(sp)
        sd tp, 112(sp)
        sd a1, 120(sp)
        mv t6, a0
        li ra, 0x5eed0001
        li gp, 0x5eed0003
        li tp, 0x5eed0004
        li t0, 0x5eed0005
        li t1, 0x5eed0006
        li t2, 0x5eed0007
        li s0, 0x5eed0008
        li s1, 0x5eed0009
        li a0, 0x5eed000a
        li a1, 0x5eed000b
        li a2, 0x5eed000c
        li a3, 0x5eed000d
        li a4, 0x5eed000e
        li a5, 0x5eed000f
        li a6, 0x5eed0010
        li a7, 0x5eed0011
        li s2, 0x5eed0012
        li s3, 0x5eed0013
        li s4, 0x5eed0014
        li s5, 0x5eed0015
        li s6, 0x5eed0016
        li s7, 0x5eed0017
        li s8, 0x5eed0018
        li s9, 0x5eed0019
        li s10, 0x5eed001a
        li s11, 0x5eed001b
        li t3, 0x5eed001c
        li t4, 0x5eed001d
        li t5, 0x5eed001e
faultregs_insn:
        sd zero, 0(t6)
        addi sp, sp, -256
        sd ra, 0(sp)
        sd gp, 16(sp)
        sd tp, 24(sp)
        sd t0, 32(sp)
        sd t1, 40(sp)
        sd t2, 48(sp)
        sd s0, 56(sp)
        sd s1, 64(sp)
        sd a0, 72(sp)
        sd a1, 80(sp)
        sd a2, 88(sp)
        sd a3, 96(sp)
        sd a4, 104(sp)
        sd a5, 112(sp)
        sd a6, 120(sp)
        sd a7, 128(sp)
        sd s2, 136(sp)
        sd s3, 144(sp)
        sd s4, 152(sp)
        sd s5, 160(sp)
        sd s6, 168(sp)
        sd s7, 176(sp)
        sd s8, 184(sp)
        sd s9, 192(sp)
        sd s10, 200(sp)
        sd s11, 208(sp)
        sd t3, 216(sp)
        sd t4, 224(sp)
        sd t5, 232(sp)
        sd t6, 240(sp)
        addi t0, sp, 256
        sd t0, 8(sp)  # sp as it was at the fault
        ld t0, 376(sp)  # after
        ld t1, 0(sp)
        sd t1, 0(t0)
        ld t1, 8(sp)
        sd t1, 8(t0)
        ld t1, 16(sp)
        sd t1, 16(t0)
        ld t1, 24(sp)
        sd t1, 24(t0)
        ld t1, 32(sp)
        sd t1, 32(t0)
        ld t1, 40(sp)
        sd t1, 40(t0)
        ld t1, 48(sp)
        sd t1, 48(t0)
        ld t1, 56(sp)
        sd t1, 56(t0)
        ld t1, 64(sp)
        sd t1, 64(t0)
        ld t1, 72(sp)
        sd t1, 72(t0)
        ld t1, 80(sp)
        sd t1, 80(t0)
        ld t1, 88(sp)
        sd t1, 88(t0)
        ld t1, 96(sp)
        sd t1, 96(t0)
        ld t1, 104(sp)
        sd t1, 104(t0)
        ld t1, 112(sp)
        sd t1, 112(t0)
        ld t1, 120(sp)
        sd t1, 120(t0)
        ld t1, 128(sp)
        sd t1, 128(t0)
        ld t1, 136(sp)
        sd t1, 136(t0)
        ld t1, 144(sp)
        sd t1, 144(t0)
        ld t1, 152(sp)
        sd t1, 152(t0)
        ld t1, 160(sp)
        sd t1, 160(t0)
        ld t1, 168(sp)
        sd t1, 168(t0)
        ld t1, 176(sp)
        sd t1, 176(t0)
        ld t1, 184(sp)
        sd t1, 184(t0)
        ld t1, 192(sp)
        sd t1, 192(t0)
        ld t1, 200(sp)
        sd t1, 200(t0)
        ld t1, 208(sp)
        sd t1, 208(t0)
        ld t1, 216(sp)
        sd t1, 216(t0)
        ld t1, 224(sp)
        sd t1, 224(t0)
        ld t1, 232(sp)
        sd t1, 232(t0)
        ld t1, 240(sp)
        sd t1, 240(t0)
        addi sp, sp, 256
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
        ld gp, 104(sp)
        ld tp, 112(sp)
        addi sp, sp, 128
        ret
