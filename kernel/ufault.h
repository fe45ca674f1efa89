// rvlab's user-level page faults (-Dlab=ucow): the frame the kernel writes
// on a process's exception stack when it hands it a page fault, and the page
// permission bits the page calls take. Shared by the kernel and user code.
#pragma once

#include "kernel/types.h"
#include "kernel/riscv.h"

// Written by the kernel just below the exception stack's top (or below the
// current sp for a fault taken on that stack), 16-byte aligned; the handler
// gets its address in a0, and upcall_return(frame) resumes at frame->epc
// with every register taken from the frame.
struct ufault_frame {
  /*   0 */ uint64 va;     // stval: the faulting address
  /*   8 */ uint64 scause; // SCAUSE_INSN_PFAULT, _LOAD_PFAULT or _STORE_PFAULT
  /*  16 */ uint64 epc;    // pc of the faulting instruction
  /*  24 */ uint64 x[31];  // x[i - 1] is register xi: x[0] ra, x[1] sp, ... x[30] t6
};                         // 272 bytes

// Index of register xN in ufault_frame.x: UF_REG(10) is a0.
#define UF_REG(n) ((n)-1)

// Permissions a page call takes: PTE_R, PTE_W, PTE_X and the copy-on-write
// mark PTE_COW, all of kernel/riscv.h. The kernel adds PTE_U and PTE_V itself.
