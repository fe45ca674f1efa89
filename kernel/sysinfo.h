// The syscall lab's sysinfo(struct sysinfo *) (SYS_sysinfo): a snapshot of
// the machine's free memory and process count. Shared by the kernel and user
// programs, as MIT's kernel/sysinfo.h is.
#pragma once

#include "kernel/types.h"

struct sysinfo {
  uint64 freemem; // bytes of free physical memory
  uint64 nproc;   // processes whose state is not UNUSED
};
