// The frame-pointer walk behind backtrace() and panic's backtrace. Pure logic
// over memory it is given, so it compiles on the host and Criterion tests it
// on a fake stack (kernel/lib/tests/test_backtrace.c).
//
// The traps lab: write backtrace_walk (docs/labs/traps.md, "Backtrace").
#include "kernel/types.h"
#include "kernel/riscv.h"
#include "kernel/lib/backtrace.h"

int backtrace_walk(uint64 fp, void (*emit)(uint64 ra, void *arg), void *arg)
{
  // Your code here: from the frame whose pointer is fp, call emit once for
  // each saved return address, following the saved frame pointers, and stop
  // at the top of the page that holds fp. Return how many you found.
  (void)fp;
  (void)emit;
  (void)arg;
  return 0;
}
