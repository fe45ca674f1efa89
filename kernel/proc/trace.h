// System-call tracing, the syscall lab's trace(mask): a process's mask says
// which of its calls print "PID: syscall NAME -> RETURN" as they return.
// The siblings in proc/trace/ differ in what a child of fork inherits.
#pragma once

#include "kernel/types.h"

struct proc;

// fork: give the child its tracing state, as the sibling's policy says.
void trace_fork(struct proc *parent, struct proc *child);

// syscall(): system call num of p has returned ret; print it if traced.
void trace_return(struct proc *p, uint64 num, uint64 ret);
