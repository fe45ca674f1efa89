// The names of the system calls, generated from kernel/syscall.h
// (proc/sysnames.py) so that the stubs, the dispatch table and trace's output
// share one list.
#pragma once

#include "kernel/types.h"

// The name of system call num ("fork" for SYS_fork), or NULL if no call has
// that number.
const char *syscall_name(uint64 num);
