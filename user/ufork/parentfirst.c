// Broken on purpose: duppage remaps the parent copy-on-write before the
// child. The parent's next store, the frame ufork_map writes on the stack,
// faults and gives the parent a private writable copy, and it is that page
// the child is then given: parent and child share a stack page the parent
// writes freely. Symptom: the child runs on a stack the parent keeps
// changing: forktree's children print the names the parent built later
// ('1' twice and no '0'), and ucowtest's children return into the
// parent's code and print its results again.
#include "kernel/types.h"
#include "kernel/riscv.h"
#include "user/ucow.h"
#include "user/ufork.h"

int ufork_duppage(int child, uint64 va, int perm)
{
  if ((perm & (PTE_W | PTE_COW)) == 0)
    return ufork_map(child, va, perm); // read-only: shared as it is
  int cow = (perm & ~PTE_W) | PTE_COW;
  if (ufork_map(0, va, cow) < 0)
    return -1;
  return ufork_map(child, va, cow);
}

int ufork_xstack(int child)
{
  return page_alloc(child, ufault_xstack, PTE_R | PTE_W);
}
