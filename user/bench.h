// What the benchmark programs (forkbench, uforkbench) share: the cycle
// counter and the median of a few runs. Header-only, so that no other
// program links it.
#pragma once

#include "kernel/types.h"

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
