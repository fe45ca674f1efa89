// copyout, copyin and copyinstr for the variants that walk the user page
// table in software, one page at a time. Which pages they may touch is the
// variant's policy, uaccess_page(), in the sibling linked with this file.
#include <stddef.h>
#include "kernel/types.h"
#include "kernel/riscv.h"
#include "kernel/lib/string.h"
#include "kernel/mm/uaccess.h"
#include "kernel/mm/uaccess/walk.h"

// Bytes from va to the end of its page, but at most len.
static uint64 chunk(uint64 va, uint64 len)
{
  uint64 n = PGSIZE - (va % PGSIZE);
  return n < len ? n : len;
}

int copyout(pagetable_t pt, uint64 dstva, const void *src, uint64 len)
{
  if (dstva + len < dstva)
    return -1;
  const char *s = src;
  while (len > 0) {
    uint64 pa = uaccess_page(pt, dstva, 1);
    if (pa == 0)
      return -1;
    uint64 n = chunk(dstva, len);
    memmove((void *)(pa + dstva % PGSIZE), s, n);
    s += n;
    dstva += n;
    len -= n;
  }
  return 0;
}

int copyin(pagetable_t pt, void *dst, uint64 srcva, uint64 len)
{
  if (srcva + len < srcva)
    return -1;
  char *d = dst;
  while (len > 0) {
    uint64 pa = uaccess_page(pt, srcva, 0);
    if (pa == 0)
      return -1;
    uint64 n = chunk(srcva, len);
    memmove(d, (void *)(pa + srcva % PGSIZE), n);
    d += n;
    srcva += n;
    len -= n;
  }
  return 0;
}

int copyinstr(pagetable_t pt, char *dst, uint64 srcva, uint64 max)
{
  while (max > 0) {
    uint64 pa = uaccess_page(pt, srcva, 0);
    if (pa == 0)
      return -1;
    const char *p = (const char *)(pa + srcva % PGSIZE);
    uint64 n = chunk(srcva, max);
    for (uint64 i = 0; i < n; i++) {
      dst[i] = p[i];
      if (p[i] == '\0')
        return 0;
    }
    dst += n;
    srcva += n;
    max -= n;
  }
  // max bytes and no NUL among them.
  return -1;
}

int uaccess_kernel_fault(uint64 scause, uint64 stval, uint64 *epc)
{
  // These variants never touch a user address directly, so a page fault in
  // the kernel is always a kernel bug.
  (void)scause;
  (void)stval;
  (void)epc;
  return -1;
}
