// Host stand-in for the hart id (arch/cpuid.c): each test thread says which
// hart it plays by setting host_cpu, 0 unless it does. A file of its own, so
// that a test linking tests/trap_machine.c (which has its own) never pulls
// it out of the library.
#include "kernel/arch/arch.h"
#include "kernel/mm/tests/host.h"

_Thread_local int host_cpu;

int cpuid(void)
{
  return host_cpu;
}
