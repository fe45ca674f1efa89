// The kstat() system call (SYS_kstat, an rvlab extension): a snapshot of the
// memory counters that mm/counters.c keeps, copied out to the caller's struct.
#include "kernel/types.h"
#include "kernel/riscv.h"
#include "kernel/kstat.h"
#include "kernel/mm/counters.h"
#include "kernel/mm/uaccess.h"
#include "kernel/proc/proc.h"
#include "kernel/proc/sysargs.h"
#include "kernel/proc/systable.h"

// kstat(struct kstat *ks): 0, or -1 if ks is not writable user memory.
uint64 sys_kstat(void)
{
  uint64 addr;
  argaddr(0, &addr);
  struct kstat ks;
  kstat_read(&ks);
  if (copyout(myproc()->pagetable, addr, &ks, sizeof(ks)) != 0)
    return -1;
  return 0;
}
