// The kernel side of the memory counters whose user view is struct kstat
// (kernel/kstat.h, the ABI header): events counted where they happen, read
// back by sys_kstat (proc/syskstat.c). Hence the kstat_ prefix.
#pragma once

#include "kernel/kstat.h"

// The events behind the counters of struct kstat (pages_free is not an event:
// it is read from the allocator).
enum kstat_event {
  KSTAT_PAGE_ALLOC,
  KSTAT_PAGE_FREE,
  KSTAT_COW_FAULT,
  KSTAT_COW_COPY,
  KSTAT_COW_REUSE,
  KSTAT_FORK,
  KSTAT_PTPAGE_ALLOC,
  KSTAT_SUPERPAGE_ALLOC,
  KSTAT_NEVENTS,
};

// Count one event; safe from any hart without a lock.
void kstat_count(enum kstat_event e);

// A snapshot of all counters.
void kstat_read(struct kstat *ks);
