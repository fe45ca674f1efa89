// The pure logic of user page-fault frames (kernel/ufault.h): where a frame
// goes on the exception stack, and moving registers between a frame and the
// trapframe. No memory access, so it compiles on the host for tests.
#pragma once

#include "kernel/types.h"
#include "kernel/ufault.h"

struct trapframe;

// Where the frame of a fault taken with stack pointer sp goes, for an
// exception stack whose top is xstacktop: below sp if sp is on that stack
// already (a fault in the handler), else below the top; 16-byte aligned as
// the calling convention wants sp. 0 and *frame set, or -1 if the frame
// would not fit in the stack's page.
int ufault_place(uint64 sp, uint64 xstacktop, uint64 *frame);

// Fill f from the registers the trap saved and the fault's cause.
void ufault_fill(struct ufault_frame *f, const struct trapframe *tf, uint64 scause, uint64 stval);

// Resume from f: its pc and every register go back into tf. -1, leaving tf
// alone, if the pc is not a user address (below sz, the process's size).
int ufault_restore(struct trapframe *tf, const struct ufault_frame *f, uint64 sz);
