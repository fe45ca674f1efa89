// Host stand-ins for the kernel's spinlocks, panic and printf
// (tests/hostlock.c), which every host test of kernel code that takes locks
// links: the memory-management tests (kernel/mm/tests/) and the buffer
// cache's (kernel/fs/tests/). A thread stands in for a hart.
#pragma once

#include <setjmp.h>

struct spinlock;

// While host_panic_armed is set, panic() longjmps to host_panic_jmp instead
// of failing the test. Use through EXPECT_PANIC.
extern jmp_buf host_panic_jmp;
extern volatile int host_panic_armed;
extern const char *volatile host_panic_msg;

// Spin iterations release() waits after unlocking, standing in for an
// interrupt that lands there in the kernel; 0 unless a race test sets it.
extern volatile int host_release_delay;

// Called by release() once the lock is free, if set: a test that studies a
// window right after a release parks a thread there.
extern void (*volatile host_release_hook)(struct spinlock *lk);

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
