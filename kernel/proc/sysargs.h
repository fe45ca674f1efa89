// What a system-call handler uses to read its arguments: the argument
// registers saved in the trapframe, and words and strings in user memory
// (through mm/uaccess.h, so a bad pointer gives -1). Implemented in sysargs.c.
#pragma once

#include "kernel/types.h"

// The n-th system-call argument as an int, a user address, or a string
// copied into buf (at most max bytes). argstr returns the length or -1.
void argint(int n, int *ip);
void argaddr(int n, uint64 *ip);
int argstr(int n, char *buf, int max);

// Fetch a uint64 or a string from the current process's user memory.
int fetchaddr(uint64 addr, uint64 *ip);
int fetchstr(uint64 addr, char *buf, int max);
