// Which hart is running: start() puts the hart id in tp, and the trampoline
// saves and restores tp around user mode, so in the kernel tp is the hart id.
#include "kernel/types.h"
#include "kernel/arch/arch.h"
#include "kernel/arch/csr.h"

int cpuid(void)
{
  return (int)r_tp();
}
