# First instructions of the kernel. QEMU's -bios none starts every hart here,
# at 0x80000000 (kernel.ld puts .text.entry first), in machine mode with
# a0 = mhartid and a1 = the device tree's address. Each hart takes its own
# boot stack and calls start(hartid, dtb) with both untouched.
#include "kernel/param.h"

# One stack per hart for start(), main() and later scheduler(), which keeps
# running on it.
.set BOOT_STACK_SIZE, 4096

.section .text.entry
.globl _entry
_entry:
        # Harts beyond NCPU have no stack or cpu slot: park them for good.
        csrr    a0, mhartid
        li      t0, NCPU
        bgeu    a0, t0, park

        # sp = boot_stacks + (hartid + 1) * BOOT_STACK_SIZE: stacks grow down.
        la      sp, boot_stacks
        li      t0, BOOT_STACK_SIZE
        addi    t1, a0, 1
        mul     t0, t0, t1
        add     sp, sp, t0
        call    start

park:
        wfi
        j       park

.section .bss
# Page-aligned, so each hart's stack is one page and backtrace() can stop at
# the top of the page its frames are on.
.balign 4096
.globl boot_stacks
boot_stacks:
        .space  BOOT_STACK_SIZE * NCPU
