// The interface between the copy loops (uaccess/walk.c) and the sibling
// linked with them. uaccess_page() is the policy: simulate.c, unaware.c and
// trap.c each define it, and `diff -u` of two siblings shows just it. The rest
// is how bytes reach a page the policy allowed: direct.c does it for the
// walking siblings, trap.c through its window onto user memory.
#pragma once

#include "kernel/types.h"
#include "kernel/riscv.h"

// The policy: the kernel address of the page holding va if the kernel may
// access it on the user's behalf, for a store if write is set; else 0.
uint64 uaccess_page(pagetable_t pt, uint64 va, int write);

// A copy of at most len bytes from user address va in pt is about to start.
// 0 to go on, or -1 to refuse the copy before it touches any memory. Each
// uaccess_begin that returns 0 is followed by one uaccess_end.
int uaccess_begin(pagetable_t pt, uint64 va, uint64 len);
void uaccess_end(void);

// Store n bytes from src at addr, or load n bytes from addr into dst, where
// addr lies in one page that uaccess_page() returned. 0, or -1 if an access
// faulted (the bytes before it are copied).
int uaccess_put(uint64 addr, const char *src, uint64 n);
int uaccess_get(char *dst, uint64 addr, uint64 n);
