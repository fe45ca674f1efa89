// The interface between the page-walking copy loops (uaccess/walk.c) and the
// one function each walking sibling (simulate.c, unaware.c) supplies: what a
// kernel access to a user page may do. `diff -u` of two siblings shows just it.
#pragma once

#include "kernel/types.h"
#include "kernel/riscv.h"

// The policy: the kernel address of the page holding va if the kernel may
// access it on the user's behalf, for a store if write is set; else 0.
uint64 uaccess_page(pagetable_t pt, uint64 va, int write);
