# The machine half of uaccess=trap (trap.c): the only instructions that touch
# user memory, each listed in the exception table with the place to resume if
# it faults, and the satp/SUM/sfence.vma switches into and out of the window.

# sstatus.SUM (RISC-V privileged spec, 4.1.1): while set, supervisor loads and
# stores may use pages marked PTE_U. Same value as SSTATUS_SUM in arch/csr.h.
#define SUM_BIT (1 << 18)

.section .text
.balign 4

# uint64 uaccess_window_enter(uint64 satp): run on satp, with SUM set, and
# return the satp we left. The first sfence.vma makes the window's new root
# entry visible to the page walker; the second drops translations made through
# the old root, including a window onto some other process's memory.
.globl uaccess_window_enter
uaccess_window_enter:
        sfence.vma zero, zero
        csrrw   a0, satp, a0
        sfence.vma zero, zero
        li      t0, SUM_BIT
        csrs    sstatus, t0
        ret

# void uaccess_window_leave(uint64 satp): back to satp with SUM clear, and no
# translation through the window left behind in the TLB.
.globl uaccess_window_leave
uaccess_window_leave:
        li      t0, SUM_BIT
        csrc    sstatus, t0
        csrw    satp, a0
        sfence.vma zero, zero
        ret

# void uaccess_flush_tlb(void): after the fork policy rewrote a user PTE in
# the middle of a copy, forget the old translation before the store retries.
.globl uaccess_flush_tlb
uaccess_flush_tlb:
        sfence.vma zero, zero
        ret

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
