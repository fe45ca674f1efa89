// User page-fault frames: placement on the exception stack and the copy of
// registers between frame and trapframe. Pure logic, tested on the host
// (kernel/proc/tests/test_ufault.c); proc/upcall.c does the memory access.
#include "kernel/types.h"
#include "kernel/riscv.h"
#include "kernel/lib/string.h"
#include "kernel/proc/proc.h"
#include "kernel/proc/ufault.h"

// The trapframe keeps x1..x31 in register order from ra on, and the frame's
// x[] does too, so one copy moves them all.
_Static_assert(sizeof(struct ufault_frame) == 3 * 8 + 31 * 8, "frame layout");
_Static_assert(sizeof(struct ufault_frame) % 16 == 0, "frame keeps sp aligned");
_Static_assert(__builtin_offsetof(struct trapframe, t6) -
                       __builtin_offsetof(struct trapframe, ra) ==
                   30 * 8,
               "trapframe holds x1..x31 in order");

int ufault_place(uint64 sp, uint64 xstacktop, uint64 *frame)
{
  uint64 bottom = xstacktop - PGSIZE;
  // sp == xstacktop is an empty exception stack: nothing there to keep.
  uint64 base = (sp >= bottom && sp < xstacktop) ? sp : xstacktop;
  if (base - bottom < sizeof(struct ufault_frame))
    return -1;
  *frame = (base - sizeof(struct ufault_frame)) & ~(uint64)15;
  return 0;
}

void ufault_fill(struct ufault_frame *f, const struct trapframe *tf, uint64 scause, uint64 stval)
{
  f->va = stval;
  f->scause = scause;
  f->epc = tf->epc;
  memmove(f->x, &tf->ra, sizeof(f->x));
}

int ufault_restore(struct trapframe *tf, const struct ufault_frame *f, uint64 sz)
{
  if (f->epc >= sz)
    return -1;
  tf->epc = f->epc;
  memmove(&tf->ra, f->x, sizeof(f->x));
  return 0;
}
