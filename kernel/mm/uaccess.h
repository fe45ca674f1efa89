// Copying between the kernel and user memory. Every user pointer that crosses
// the system-call boundary goes through these; a bad address gives -1, never
// a panic. Meson compiles one sibling in mm/uaccess/ (meson_options: uaccess).
#pragma once

#include "kernel/types.h"
#include "kernel/riscv.h"

// Copy len bytes from src to user address dstva in pt. 0 or -1.
int copyout(pagetable_t pt, uint64 dstva, const void *src, uint64 len);

// Copy len bytes from user address srcva in pt to dst. 0 or -1.
int copyin(pagetable_t pt, void *dst, uint64 srcva, uint64 len);

// Copy a NUL-terminated string of at most max bytes (NUL included) from user
// address srcva. 0, or -1 if it is unmapped or has no NUL within max bytes.
int copyinstr(pagetable_t pt, char *dst, uint64 srcva, uint64 max);

// kerneltrap() calls this for a page or access fault (SCAUSE_LOAD_ACCESS,
// SCAUSE_STORE_ACCESS or a SCAUSE_*_PFAULT of kernel/riscv.h) taken in the
// kernel at *epc, address stval. 0 if it was a user access
// of this variant and is handled: resume at *epc, which may now point at a
// fixup. -1 if not, and the kernel panics. Only uaccess=trap ever says 0.
int uaccess_kernel_fault(uint64 scause, uint64 stval, uint64 *epc);
