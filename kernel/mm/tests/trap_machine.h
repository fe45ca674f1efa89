// A host stand-in for the hardware under uaccess/trap.c (arch/uwindow.c,
// arch/tlb.c's tlb_flush_all, uaccess/trap_insn.S), so that trap.c runs in the
// unit tests: an Sv39 walk from the satp the window switched to, supervisor
// permissions with SUM, and a fault that calls uaccess_kernel_fault().
#pragma once

#include "kernel/types.h"
#include "kernel/riscv.h"

// What the emulated hart did; tests read it after a copy.
struct trap_machine {
  uint64 satp;           // current satp; 0 until a window opens
  int sum;               // sstatus.SUM
  int windows_opened;    // uwindow_enter calls
  int windows_closed;    // uwindow_leave calls
  int accesses;          // byte loads and stores attempted
  int faults;            // of those, how many trapped
  int fixups;            // faults that resumed at the fixup
  int flushes;           // tlb_flush_all calls
  pagetable_t last_root; // the root the last window ran on
};
extern struct trap_machine machine;

// Address of the emulated load instruction and of the fixup: what a test
// hands uaccess_kernel_fault() as epc.
uint64 trap_machine_load_insn(void);
uint64 trap_machine_fixup(void);
