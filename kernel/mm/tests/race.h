// Threaded drivers for the reference-count tests: many threads hammering the
// count of one page at once, on the host (tests/race.c, with pthreads).
#pragma once

#include "kernel/types.h"

#define RACE_MAX_THREADS 8

// nthreads threads each run npairs refcount_inc/refcount_dec pairs on pa,
// all started together. Returns how many decrements said "last".
int race_inc_dec(uint64 pa, int nthreads, int npairs);

// trials times: give pa nthreads references, then let nthreads threads drop
// one each at the same moment. outcome[k] counts the trials in which k
// droppers were told they dropped the last reference (k = 0..nthreads).
// Fails the test if a trial leaves the count anywhere but 0.
void race_drops(uint64 pa, int nthreads, int trials, int outcome[]);
