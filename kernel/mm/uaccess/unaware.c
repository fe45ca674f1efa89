// BROKEN ON PURPOSE (uaccess=unaware): simulate.c, except that copyout writes
// through the physical address of any valid user page, ignoring PTE_W and COW.
// Symptom: a child's read() into a page shared with its parent changes the
// parent's copy too (and the kernel can write into read-only text).
#include <stddef.h>
#include "kernel/types.h"
#include "kernel/riscv.h"
#include "kernel/lib/string.h"
#include "kernel/mm/vm.h"
#include "kernel/mm/fork.h"
#include "kernel/mm/uaccess.h"

// The PTE of the user-accessible page holding va, or NULL if user code could
// not touch it (too high, unmapped, or a kernel-only page like the guard).
static pte_t *user_pte(pagetable_t pt, uint64 va)
{
  if (va >= MAXVA)
    return NULL;
  pte_t *pte = walk(pt, va, 0);
  if (pte == NULL || (*pte & PTE_V) == 0 || (*pte & PTE_U) == 0)
    return NULL;
  return pte;
}

// The kernel address of the page holding va if user code may access it, for
// a store if write is set; else 0. The only place that decides what a user
// access is allowed to do.
static uint64 user_page(pagetable_t pt, uint64 va, int write)
{
  pte_t *pte = user_pte(pt, va);
  if (pte == NULL)
    return 0;
  // A store is treated like a load: whoever else maps the page sees it.
  (void)write;
  return PTE2PA(*pte);
}

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
    uint64 pa = user_page(pt, dstva, 1);
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
    uint64 pa = user_page(pt, srcva, 0);
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
    uint64 pa = user_page(pt, srcva, 0);
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
  // This variant never touches a user address itself, so a fault in the
  // kernel is always a kernel bug.
  (void)scause;
  (void)stval;
  (void)epc;
  return -1;
}
