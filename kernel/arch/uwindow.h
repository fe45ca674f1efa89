// The hardware half of uaccess=trap's window onto user memory
// (mm/uaccess/trap.c): run on the window's root page table with sstatus.SUM
// set, and back. Kept here so trap.c compiles on the host, where
// mm/tests/trap_machine.c stands in for it.
#pragma once

#include "kernel/types.h"

// Switch this hart to satp with SUM set; returns the satp it left.
// Interrupts must be off until the matching uwindow_leave.
uint64 uwindow_enter(uint64 satp);

// Back to satp with SUM clear, and no translation through the window left
// behind in the TLB.
void uwindow_leave(uint64 satp);
