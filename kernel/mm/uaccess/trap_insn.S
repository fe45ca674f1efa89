# The user accesses of uaccess=trap (trap.c): the only instructions that
# touch user memory, each listed in the exception table with the place to
# resume if it faults. Plain loads and stores; the satp and SUM switch into
# the window is arch/uwindow.c.

.section .text
.balign 4

# int uaccess_store_byte(uint64 addr, char c): 0, or -1 if the store faulted
# and uaccess_kernel_fault() sent us to the fixup. A copy-on-write fault is
# resolved by the trap handler and the sb simply runs again.
.globl uaccess_store_byte
uaccess_store_byte:
store_insn:
        sb      a1, 0(a0)
        li      a0, 0
        ret

# int uaccess_load_byte(uint64 addr): the byte at addr (0 to 255), or -1 if
# the load faulted.
.globl uaccess_load_byte
uaccess_load_byte:
load_insn:
        lbu     a0, 0(a0)
        ret

# Where a faulting access resumes: the function it was in returns -1.
fault_return:
        li      a0, -1
        ret

# The exception table: (address of an access instruction, address of its
# fixup), 16 bytes an entry, as struct ex_entry in trap.c reads it. kernel.ld
# gathers every ex_table section between __start_ex_table and __stop_ex_table.
.section ex_table, "a"
.balign 8
        .dword  store_insn, fault_return
        .dword  load_insn, fault_return
