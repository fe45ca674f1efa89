// Broken on purpose: the exception stack is shared copy-on-write with the
// child like any other page, not given fresh. The page stops being
// writable in both, and the next fault of either one (the first store
// after ufork) finds no writable exception stack. Symptom: "page fault ...
// not delivered: no writable exception stack" and the process is killed.
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
  return ufork_duppage(child, ufault_xstack, page_perm(0, ufault_xstack));
}
