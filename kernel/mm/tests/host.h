// Host-side support for the mm unit tests: a page-aligned arena that stands
// in for physical RAM, and a way to expect a kernel panic. host.c provides
// the kernel functions (panic, locks) that the mm code calls.
#ifndef RVLAB_MM_TESTS_HOST_H
#define RVLAB_MM_TESTS_HOST_H

#include <setjmp.h>
#include "kernel/types.h"

// Hand an arena of npages fresh pages to kalloc_init; returns its start.
char *host_arena(int npages);

// While host_panic_armed is set, panic() longjmps to host_panic_jmp instead
// of failing the test. Use through EXPECT_PANIC.
extern jmp_buf host_panic_jmp;
extern volatile int host_panic_armed;
extern const char *volatile host_panic_msg;

// Run stmt and report whether it panicked (1) or returned (0).
#define EXPECT_PANIC(stmt)                                                                         \
  ({                                                                                               \
    volatile int panicked_ = 1;                                                                    \
    host_panic_armed = 1;                                                                          \
    if (setjmp(host_panic_jmp) == 0) {                                                             \
      stmt;                                                                                        \
      panicked_ = 0;                                                                               \
    }                                                                                              \
    host_panic_armed = 0;                                                                          \
    panicked_;                                                                                     \
  })

#endif
