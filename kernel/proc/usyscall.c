// The USYSCALL page (the pgtbl lab): one page per process, mapped at
// USYSCALL (kernel/memlayout.h) readable but not writable by user code, that
// holds a struct usyscall. ugetpid() in the user library reads the pid there
// without entering the kernel. proc.c calls these as it builds and frees a
// process: allocproc, proc_pagetable (also for exec's new table),
// proc_freepagetable and freeproc.
#include <stddef.h>
#include "kernel/types.h"
#include "kernel/riscv.h"
#include "kernel/memlayout.h"
#include "kernel/lib/string.h"
#include "kernel/mm/kalloc.h"
#include "kernel/mm/vm.h"
#include "kernel/proc/proc.h"

int usyscall_alloc(struct proc *p)
{
  p->usyscall = kalloc();
  if (p->usyscall == NULL)
    return -1;
  // kalloc fills pages with junk: the rest of the page must read as 0.
  memset(p->usyscall, 0, PGSIZE);
  p->usyscall->pid = p->pid;
  return 0;
}

int usyscall_map(struct proc *p, pagetable_t pt)
{
  // PTE_U without PTE_W: the process reads its facts, and a store faults.
  return mappages(pt, USYSCALL, PGSIZE, (uint64)p->usyscall, PTE_R | PTE_U);
}

void usyscall_unmap(pagetable_t pt)
{
  uvmunmap(pt, USYSCALL, 1, 0);
}

void usyscall_free(struct proc *p)
{
  if (p->usyscall != NULL)
    kfree(p->usyscall);
  p->usyscall = NULL;
}
