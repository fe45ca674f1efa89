// User page-fault handlers, the exokernel way of JOS lab 4: the kernel
// writes a frame (kernel/ufault.h) on the process's exception stack and
// resumes it at its handler; upcall_return() takes the frame back.
// Relies on proc/ufault.c for the frame logic and mm/ for user memory.
#include "kernel/types.h"
#include "kernel/param.h"
#include "kernel/memlayout.h"
#include "kernel/riscv.h"
#include "kernel/ufault.h"
#include "kernel/lib/printf.h"
#include "kernel/mm/vm.h"
#include "kernel/mm/uaccess.h"
#include "kernel/proc/proc.h"
#include "kernel/proc/sysargs.h"
#include "kernel/proc/systable.h"
#include "kernel/proc/ufault.h"
#include "kernel/proc/upcall.h"

// Kill p for a fault its handler could not be given; why names the address
// at fault.
static int refuse(struct proc *p, uint64 stval, const char *why, uint64 addr)
{
  printf("pid %d (%s): killed: page fault at %p not delivered: %s %p\n", p->pid, p->name,
         (void *)stval, why, (void *)addr);
  setkilled(p);
  return 0;
}

int upcall_fault(struct proc *p, uint64 scause, uint64 stval)
{
  if (!p->upcall.on)
    return -1;
  struct upcall *u = &p->upcall;

  // The entry point must be code this process could run itself, or the
  // kernel would "return" to user mode at a kernel address.
  pte_t *text = u->entry < p->sz ? uvm_user_pte(p->pagetable, u->entry) : 0;
  if (text == 0 || (*text & PTE_X) == 0)
    return refuse(p, stval, "handler is not user text at", u->entry);

  uint64 frame;
  if (ufault_place(p->trapframe->sp, u->xstacktop, &frame) != 0)
    return refuse(p, stval, "exception stack overflows at", p->trapframe->sp);
  // Writable now, not made writable by a copy-on-write policy behind the
  // user's back: a read-only exception stack is the user's bug to see.
  pte_t *stack = uvm_user_pte(p->pagetable, PGROUNDDOWN(frame));
  if (stack == 0 || (*stack & PTE_W) == 0)
    return refuse(p, stval, "no writable exception stack at", frame);

  struct ufault_frame f;
  ufault_fill(&f, p->trapframe, scause, stval);
  if (copyout(p->pagetable, frame, &f, sizeof(f)) != 0)
    return refuse(p, stval, "cannot write the frame at", frame);
  p->trapframe->epc = u->entry;
  p->trapframe->sp = frame;
  p->trapframe->a0 = frame;
  return 0;
}

// upcall_set(pid, entry, xstacktop): register the fault handler of the
// caller or of its unstarted child. entry and the stack are checked when a
// fault comes, since the user may map them later; xstacktop must be a page
// boundary that leaves room for the page below it. entry 0 and xstacktop 0
// remove the handler.
uint64 sys_upcall_set(void)
{
  int pid;
  uint64 entry, xstacktop;
  argint(0, &pid);
  argaddr(1, &entry);
  argaddr(2, &xstacktop);
  struct proc *p = proc_target(pid);
  if (p == 0)
    return -1;
  if (entry == 0 && xstacktop == 0) {
    p->upcall.on = 0;
    return 0;
  }
  if (xstacktop % PGSIZE != 0 || xstacktop < PGSIZE || xstacktop > TRAPFRAME)
    return -1;
  p->upcall.entry = entry;
  p->upcall.xstacktop = xstacktop;
  p->upcall.on = 1;
  return 0;
}

// upcall_return(frame): resume where the frame says, with its registers.
// On success nothing returns to the caller: a0 is the frame's a0.
uint64 sys_upcall_return(void)
{
  struct proc *p = myproc();
  uint64 addr;
  argaddr(0, &addr);
  struct ufault_frame f;
  if (copyin(p->pagetable, &f, addr, sizeof(f)) != 0)
    return -1;
  if (ufault_restore(p->trapframe, &f, p->sz) != 0)
    return -1;
  // syscall() stores the result in a0: give it the frame's.
  return p->trapframe->a0;
}
