// User page-fault handlers (-Dlab=ucow): delivering a page fault to the
// handler a process registered, on its exception stack (proc/upcall.c).
#pragma once

#include "kernel/types.h"

struct proc;

// A user page fault (SCAUSE_INSN_PFAULT, _LOAD_PFAULT or _STORE_PFAULT, at stval) that the kernel's
// fork policy does not own. 0 if p has a handler: the fault was delivered
// and p resumes in it, or the frame could not be delivered and p is marked
// killed with a console line saying why. -1 if p has no handler, and the
// caller kills it as it would any faulting process.
int upcall_fault(struct proc *p, uint64 scause, uint64 stval);
