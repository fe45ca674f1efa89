// sysinfo(struct sysinfo *), the syscall lab's second call: free memory from
// the page allocator, the process count from the process table, copied out
// to the caller's struct.
#include "kernel/types.h"
#include "kernel/riscv.h"
#include "kernel/sysinfo.h"
#include "kernel/mm/kalloc.h"
#include "kernel/mm/uaccess.h"
#include "kernel/proc/proc.h"
#include "kernel/proc/sysargs.h"
#include "kernel/proc/systable.h"

// sysinfo(info): 0, or -1 if info is not writable user memory.
uint64 sys_sysinfo(void)
{
  uint64 addr;
  struct sysinfo info;

  argaddr(0, &addr);
  info.freemem = kalloc_nfree() * PGSIZE;
  info.nproc = proc_nused();
  if (copyout(myproc()->pagetable, addr, &info, sizeof(info)) != 0)
    return -1;
  return 0;
}
