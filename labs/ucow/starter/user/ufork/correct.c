// duppage as it must be, the ucow lab's starter: how ufork shares a page
// with its child, and the child's exception stack. This file is yours to
// write (labs/ucow/handout); user/ufork.h says what each function
// promises. Until then both refuse, and so ufork fails.
#include "kernel/types.h"
#include "kernel/riscv.h"
#include "user/ucow.h"
#include "user/ufork.h"

// TODO: a page neither side may write (no PTE_W, no UPTE_COW) is shared as
// it is. Any other page is mapped into the child without PTE_W and with
// UPTE_COW, and then mapped the same way into ourselves (ufork_map). Think
// about the order of those two maps: between them this process goes on
// running, and storing to its stack.
int ufork_duppage(int child, uint64 va, int perm)
{
  (void)child;
  (void)va;
  (void)perm;
  return -1;
}

// TODO: a fresh writable page at ufault_xstack in the child (page_alloc):
// sharing ours copy-on-write would leave no writable page to take the
// child's first fault on.
int ufork_xstack(int child)
{
  (void)child;
  return -1;
}
