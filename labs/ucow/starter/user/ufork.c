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
// the exception stack, with the frame of kernel/ufault.h. Contract: a store
// (SCAUSE_STORE_PFAULT, kernel/riscv.h) to a page marked PTE_COW leaves
// this process a private, writable copy, and returning retries the store;
// any other fault is a real bug of the program: say so on fd 2 and
// exit(-1). Where to look: the page calls of user/ucow.h (set_fault_handler
// there says ufork may keep one heap page of its own) and
// docs/labs/ucow.md. A page call maps pages, it does not copy bytes: where
// can the copy be built?
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

// TODO: ufork as user/ucow.h states it. Where to look: exofork,
// proc_start and upcall_set in user/ucow.h and kernel/syscall.h, the two
// policies of user/ufork.h (yours too, in ufork/correct.c), and
// docs/labs/ucow.md. The child starts running only when told to: by then
// it needs every page of ours below the break (holes stay holes), an
// exception stack of its own and the fault handler. On any failure no
// child may be left behind (killing an unstarted child is enough).
int ufork(void)
{
  (void)cow_fault; // until ufork registers it
  return -1;
}
