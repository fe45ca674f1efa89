// duppage as it must be: a page either of us may write is mapped
// copy-on-write into the child first and then again into the parent, so
// the parent's own stores after the first map (its stack, in ufork_map's
// frame) still go to the page the child shares; the child gets a fresh
// exception stack of its own.
#include "kernel/types.h"
#include "kernel/riscv.h"
#include "user/ucow.h"
#include "user/ufork.h"

int ufork_duppage(int child, uint64 va, int perm)
{
  if ((perm & (PTE_W | PTE_COW)) == 0)
    return ufork_map(child, va, perm); // read-only: shared as it is
  int cow = (perm & ~PTE_W) | PTE_COW;
  if (ufork_map(child, va, cow) < 0)
    return -1;
  return ufork_map(0, va, cow);
}

int ufork_xstack(int child)
{
  return page_alloc(child, ufault_xstack, PTE_R | PTE_W);
}
