// The frame-pointer walk behind backtrace() and panic's backtrace. Pure logic
// over memory it is given, so it compiles on the host and Criterion tests it
// on a fake stack (kernel/lib/tests/test_backtrace.c).
#include "kernel/types.h"
#include "kernel/riscv.h"
#include "kernel/lib/backtrace.h"

int backtrace_walk(uint64 fp, void (*emit)(uint64 ra, void *arg), void *arg)
{
  // Every kernel stack is one page (process stacks at KSTACK(i), boot stacks
  // page-aligned in entry.S), so the page of the first frame bounds the walk.
  uint64 top = PGROUNDUP(fp);
  uint64 bottom = top - PGSIZE;
  int n = 0;

  // The outermost frame's pointer is the top of the page itself. A record
  // must lie inside the page, and callers' frames lie above their callees',
  // so a pointer that leaves the page or does not climb ends the walk rather
  // than reading a corrupt stack for ever.
  while (fp % 8 == 0 && fp >= bottom + 16 && fp < top) {
    uint64 ra = *(uint64 *)(fp - 8);
    uint64 prev = *(uint64 *)(fp - 16);
    emit(ra, arg);
    n++;
    if (prev <= fp)
      break;
    fp = prev;
  }
  return n;
}
