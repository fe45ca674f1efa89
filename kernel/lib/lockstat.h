// Lock statistics: every spinlock counts its acquires and the test-and-set
// attempts that failed (lib/spinlock.c); this module keeps the list of locks
// and writes the text the statistics() system call returns.
#pragma once

#include "kernel/types.h"

struct spinlock;

// List lk (initlock), or take it off the list (freelock, before its memory
// is reused). A lock that finds the list full is simply not listed.
void lockstat_add(struct spinlock *lk);
void lockstat_remove(struct spinlock *lk);

// Write the statistics as text into buf, at most n bytes with no final 0,
// in MIT 6.1810's format: a line per kmem and bcache lock, the five locks
// with the most failed test-and-sets, and `tot= N`, the failed test-and-sets
// of the kmem and bcache locks. Returns the number of bytes written.
int lockstat_format(char *buf, int n);
