// Broken on purpose: the parent's pages are not re-marked copy-on-write.
// The child maps them COW, but the parent keeps them writable, so every
// store of the parent after ufork lands in memory the child still reads.
// Symptom: the child sees the parent's later writes (ucowtest's
// isolation fails), and its stack changes under it: forktree's children
// print the names the parent built later ('1' twice and no '0').
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
  return 0; // the parent keeps its writable mapping
}

int ufork_xstack(int child)
{
  return page_alloc(child, ufault_xstack, PTE_R | PTE_W);
}
