# The first user program: exec("/init", {"/init", 0}), and exit(-1) if that
# fails. userinit() copies the bytes between initcode_start and initcode_end
# to a user page at virtual address 0, so the code only uses pc-relative
# addresses and builds argv on the stack that userinit provides.
#include "kernel/syscall.h"

.section .rodata.initcode, "a"
.option push
.option norelax
.balign 4
.globl initcode_start
.globl initcode_end
initcode_start:
        lla     a0, init_path
        addi    sp, sp, -16
        sd      a0, 0(sp)               # argv[0] = "/init"
        sd      zero, 8(sp)             # argv[1] = 0
        mv      a1, sp
        li      a7, SYS_exec
        ecall

        # exec returns only on failure.
        li      a0, -1
        li      a7, SYS_exit
        ecall
1:
        j       1b

init_path:
        .string "/init"
.balign 4
initcode_end:
.option pop
