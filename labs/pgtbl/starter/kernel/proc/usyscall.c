// The USYSCALL page (the pgtbl lab): one page per process, mapped at
// USYSCALL (kernel/memlayout.h) readable but not writable by user code, that
// holds a struct usyscall. ugetpid() in the user library reads the pid there
// without entering the kernel. proc.c calls these as it builds and frees a
// process: allocproc, proc_pagetable (also for exec's new table),
// proc_freepagetable and freeproc.
//
// STARTER: nothing is allocated or mapped yet, so ugetpid() faults. Write
// the four functions (kernel/proc/proc.h says what each must do).
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
  // TODO: a page for p->usyscall, all zero but for the pid.
  p->usyscall = NULL;
  return 0;
}

int usyscall_map(struct proc *p, pagetable_t pt)
{
  // TODO: map p's page at USYSCALL; which PTE bits let user code read it
  // and nothing more?
  (void)p;
  (void)pt;
  return 0;
}

void usyscall_unmap(pagetable_t pt)
{
  // TODO: undo usyscall_map; the page itself is freed by usyscall_free.
  (void)pt;
}

void usyscall_free(struct proc *p)
{
  // TODO: free p's page, if it has one.
  (void)p;
}
