// duppage as it must be, the ucow lab's starter: how ufork shares a page
// with its child, and the child's exception stack. This file is yours to
// write (labs/ucow/handout); user/ufork.h says what each function
// promises. Until then both refuse, and so ufork fails.
#include "kernel/types.h"
#include "kernel/riscv.h"
#include "user/ucow.h"
#include "user/ufork.h"

// TODO: ufork_duppage as user/ufork.h states it. Afterwards neither side
// may store to the page without a fault that gives it its own copy; a page
// neither side may write is shared as it is. Both page tables change
// (ufork_map, kernel/ufault.h for the bits): think about the order of the
// two maps, since between them this process goes on running, and storing
// to its stack.
int ufork_duppage(int child, uint64 va, int perm)
{
  (void)child;
  (void)va;
  (void)perm;
  return -1;
}

// TODO: ufork_xstack as user/ufork.h states it. Why can this one page not
// be shared copy-on-write like the rest?
int ufork_xstack(int child)
{
  (void)child;
  return -1;
}
