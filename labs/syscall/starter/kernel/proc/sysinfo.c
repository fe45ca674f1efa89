// sysinfo(struct sysinfo *), the syscall lab's second call: fill a struct
// sysinfo (kernel/sysinfo.h) with the free memory in bytes and the number of
// processes whose state is not UNUSED, and copy it out to the caller's
// pointer. docs/labs/syscall.md says what to write.
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
  // Your code here: kalloc_nfree() and proc_nused() count for you; argaddr
  // fetches the pointer; copyout writes to user memory, or fails.
  return -1;
}
