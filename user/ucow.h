// The user side of -Dlab=ucow: the page calls and fault-handler system
// calls (kernel/syscall.h 42 to 49), the fault-handler library (ufault.c,
// ufault_entry.S) and fork written in user space (ufork/).
#pragma once

#include "kernel/types.h"
#include "kernel/ufault.h"

// System calls; pid 0 is the caller. See kernel/syscall.h.
int upcall_set(int pid, uint64 entry, uint64 xstacktop);
int upcall_return(struct ufault_frame *f);
int page_alloc(int pid, uint64 va, int perm);
int page_map(int srcpid, uint64 srcva, int dstpid, uint64 dstva, int perm);
int page_unmap(int pid, uint64 va);
int page_perm(int pid, uint64 va);
int exofork(void);
int proc_start(int pid);

// The kernel resumes a faulting process here (ufault_entry.S); it calls the
// handler that set_fault_handler registered, then upcall_return.
void ufault_entry(void);

// Send this process's page faults to h, on an exception stack allocated
// with sbrk on first use (its page is ufault_xstack). 0 or -1. ufork takes
// one more heap page, its scratch page. A program that shrinks its heap
// with sbrk must not shrink it below these pages: set them up first.
int set_fault_handler(void (*h)(struct ufault_frame *f));
extern uint64 ufault_xstack;

// A fresh page-aligned page at the top of the heap (sbrk), or 0.
uint64 ufault_heap_page(void);

// Make [addr, addr + n) privately writable before a system call writes
// there: a store to each page (of the byte already in it), so a COW page
// goes through the fault handler now. The kernel's copyout takes no upcall,
// so read() into a page ufork left COW fails (-1) unless the range was
// touched first. Only for memory the caller may write: a store to a truly
// read-only page is a fault the handler refuses.
void ufault_touch(void *addr, uint64 n);

// Fork with copy-on-write done here, in the user library (ufork/). The
// child's pid, 0 in the child, or -1.
int ufork(void);
