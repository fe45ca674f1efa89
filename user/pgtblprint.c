// pgtblprint: print this process's page table with kpgtbl() and exit. It is
// small on purpose, one page of text and one of data, so that its table is
// the one MIT's print_kpgtbl check describes: text, data, guard and stack
// at 0x0 to 0x3000, then USYSCALL, TRAPFRAME and TRAMPOLINE at the top.
// pgtblcheck runs it.
#include "kernel/types.h"
#include "user/user.h"

int main(void)
{
  kpgtbl();
  return 0;
}
