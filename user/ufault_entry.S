# Where the kernel resumes a process for a page fault: a0 and sp hold the
# address of the frame it wrote on the exception stack (kernel/ufault.h).
# The frame already holds every register, so nothing is saved here; the
# frame's address is kept across the C handler in a slot below it.
#include "kernel/syscall.h"

.section .text
.global ufault_entry
ufault_entry:
        addi sp, sp, -16
        sd a0, 0(sp)
        call ufault_dispatch
        ld a0, 0(sp)
        li a7, SYS_upcall_return
        ecall
        # upcall_return came back: the frame was refused.
        ld a0, 0(sp)
        call ufault_return_failed
1:      j 1b
