// Kernel backtraces by frame pointers: lib/backtrace.c walks a stack,
// lib/printf.c prints what it finds (backtrace(), and panic()).
#pragma once

#include "kernel/types.h"

// Calls emit(ra, arg) for each return address saved on the kernel stack page
// that holds frame pointer fp, innermost first, and returns how many it found.
// RISC-V's frame record sits just below the frame pointer: the return address
// at fp - 8, the caller's frame pointer at fp - 16.
int backtrace_walk(uint64 fp, void (*emit)(uint64 ra, void *arg), void *arg);

// Prints "backtrace:" and then the caller's return addresses, one per line as
// %p: the sleep system call calls it, as MIT's traps lab asks.
void backtrace(void);
