// Memory counters: pages allocated and freed, copy-on-write faults, forks.
// Bumped with atomics from any hart, read by the kstat() system call
// (proc/syskstat.c); relies on kalloc for the free-page count.
#include "kernel/types.h"
#include "kernel/riscv.h"
#include "kernel/kstat.h"
#include "kernel/mm/counters.h"
#include "kernel/mm/kalloc.h"

// One counter per event. Each is touched only with __atomic builtins, so no
// lock is needed; a snapshot may mix counts from a moment apart.
static uint64 counters[KSTAT_NEVENTS];

void kstat_count(enum kstat_event e)
{
  __atomic_fetch_add(&counters[e], 1, __ATOMIC_RELAXED);
}

static uint64 counter(enum kstat_event e)
{
  return __atomic_load_n(&counters[e], __ATOMIC_RELAXED);
}

void kstat_read(struct kstat *ks)
{
  ks->pages_allocated = counter(KSTAT_PAGE_ALLOC);
  ks->pages_freed = counter(KSTAT_PAGE_FREE);
  ks->pages_free = kalloc_nfree();
  ks->cow_faults = counter(KSTAT_COW_FAULT);
  ks->cow_copied = counter(KSTAT_COW_COPY);
  ks->cow_reused = counter(KSTAT_COW_REUSE);
  ks->forks = counter(KSTAT_FORK);
  ks->ptpages_allocated = counter(KSTAT_PTPAGE_ALLOC);
  ks->superpages_allocated = counter(KSTAT_SUPERPAGE_ALLOC);
}
