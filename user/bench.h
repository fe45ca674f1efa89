// What the benchmark programs (forkbench, uforkbench, superbench) share: the
// cycle counter, the median of a few runs and the kernel's counters.
// Header-only, so that no other program links it.
#pragma once

#include "kernel/types.h"
#include "kernel/kstat.h"
#include "user/user.h"

// The cycle counter; the kernel lets user mode read it (scounteren.CY).
static inline uint64 rdcycle(void)
{
  uint64 x;
  asm volatile("rdcycle %0" : "=r"(x));
  return x;
}

// The median of v[0..n), which it sorts in place (n is a handful of runs).
static inline uint64 median(uint64 *v, int n)
{
  for (int i = 1; i < n; i++)
    for (int j = i; j > 0 && v[j - 1] > v[j]; j--) {
      uint64 t = v[j];
      v[j] = v[j - 1];
      v[j - 1] = t;
    }
  return v[n / 2];
}

// The kernel's counters (kstat), or a message naming prog and exit(1).
static inline struct kstat bench_kstat(const char *prog)
{
  struct kstat ks;
  if (kstat(&ks) < 0) {
    fprintf(2, "%s: kstat failed\n", prog);
    exit(1);
  }
  return ks;
}
