// Kernel memory counters that user programs read with the kstat() system call
// (SYS_kstat, an rvlab extension). Shared by the kernel and user programs.
#pragma once

#include "kernel/types.h"

// Counts since boot, except pages_free, which is the number free right now.
struct kstat {
  uint64 pages_allocated;      // pages kalloc has handed out
  uint64 pages_freed;          // pages that went back to the free list
  uint64 pages_free;           // pages free now (kalloc's list and the superpage pool)
  uint64 cow_faults;           // store faults resolved as copy-on-write (or tried)
  uint64 cow_copied;           // of those, faults that copied the page
  uint64 cow_reused;           // of those, faults that kept a page whose count was 1
  uint64 forks;                // successful forks
  uint64 ptpages_allocated;    // of pages_allocated, those that became page tables
  uint64 superpages_allocated; // 2 MiB blocks handed out for superpages (pgtbl lab)
};
