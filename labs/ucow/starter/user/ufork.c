// Fork in the user library, JOS style, the ucow lab's starter: ufork and
// the copy-on-write fault handler. This file is yours to write
// (labs/ucow/handout); docs/labs/ucow.md explains the design, user/ucow.h
// lists the system calls and user/ufork.h the two policies that
// user/ufork/correct.c (yours too) adds. Until then ufork fails and the
// handler refuses every fault: forktree and ucowtest fail, the fault tests,
// which never fork, pass.
#include "kernel/types.h"
#include "kernel/riscv.h"
#include "user/user.h"
#include "user/ucow.h"
#include "user/ufork.h"

// TODO: the copy-on-write fault handler. The kernel does no copy-on-write
// in this lab, so every store to a page that ufork shared comes here, on
// the exception stack, with the frame of kernel/ufault.h. Check that it is
// a store (scause 15) to a page marked UPTE_COW (page_perm); anything else
// is a real bug of the program: say so on fd 2 and exit(-1). Otherwise
// build a private copy at a scratch page of the heap that you keep
// unmapped (ufault_heap_page, then page_unmap, once): page_alloc it, copy
// the faulting page into it, page_map it writable, without UPTE_COW, over
// the faulting page, and page_unmap the scratch again.
static void cow_fault(struct ufault_frame *f)
{
  fprintf(2, "ufork: pid %d: fault at %p, cause %d, pc %p: the COW handler is not written yet\n",
          getpid(), (void *)f->va, (int)f->scause, (void *)f->epc);
  exit(-1);
}

// Given, as user/ufork.h says: a real call, so that it writes a frame on
// the stack, which is what makes the order of duppage's two maps matter.
__attribute__((noinline)) int ufork_map(int pid, uint64 va, int perm)
{
  return page_map(0, va, pid, va, perm);
}

// TODO: fork. Register cow_fault (set_fault_handler) and set up the
// scratch page, then exofork: 0 means we are the child, already started by
// our parent, and -1 an error. In the parent, ufork_duppage every present
// page below the break (sbrk(0); page_perm says 0 for a hole) except the
// exception stack (ufault_xstack), give the child its own exception stack
// (ufork_xstack) and the handler (upcall_set on the child, with
// ufault_entry and the top of ufault_xstack), and proc_start it. On any
// failure kill the child (an unstarted child exits without running) and
// return -1.
int ufork(void)
{
  (void)cow_fault; // until ufork registers it
  return -1;
}
