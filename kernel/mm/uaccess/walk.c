// copyout, copyin and copyinstr, one page at a time, for every uaccess
// variant. Which pages they may touch is the variant's policy, uaccess_page(),
// and how their bytes move is its uaccess_put/get (walk.h).
//
// The rule for a user pointer, one for every copy, every variant and
// fetchaddr: the kernel may access [va, va+n) for the user iff the range does
// not wrap, ends at or below TRAPFRAME (where sbrk and exec stop user
// memory), and every page it touches is one the user could access itself:
// mapped with PTE_U, and for a store, made writable by the policy. Not "below
// p->sz": the copies see a page table, not a process (exec fills one that is
// nobody's yet), uaccess=trap's checker is the MMU, which knows only PTEs,
// and the two differ only past an odd break in its last page, bytes the user
// can load and store anyway. The stack guard page has no PTE_U, so it fails.
#include "kernel/types.h"
#include "kernel/riscv.h"
#include "kernel/memlayout.h"
#include "kernel/mm/uaccess.h"
#include "kernel/mm/uaccess/walk.h"

// Bytes from va to the end of its page, but at most len.
static uint64 chunk(uint64 va, uint64 len)
{
  uint64 n = PGSIZE - (va % PGSIZE);
  return n < len ? n : len;
}

// The part of the rule that needs no page table: [va, va+len) does not wrap
// and lies below TRAPFRAME. Copies of a known length check it whole before
// they start, so that a refused copy touches no memory.
static int user_range(uint64 va, uint64 len)
{
  return va <= TRAPFRAME && len <= TRAPFRAME - va;
}

// The rule for the n bytes at va, all in one page: the kernel address of
// that page from the policy, or 0 if the kernel may not access them.
static uint64 user_page(pagetable_t pt, uint64 va, uint64 n, int write)
{
  return user_range(va, n) ? uaccess_page(pt, va, write) : 0;
}

int copyout(pagetable_t pt, uint64 dstva, const void *src, uint64 len)
{
  if (!user_range(dstva, len) || uaccess_begin(pt, dstva, len) != 0)
    return -1;
  const char *s = src;
  int err = 0;
  while (len > 0 && err == 0) {
    uint64 n = chunk(dstva, len);
    uint64 page = user_page(pt, dstva, n, 1);
    err = page == 0 ? -1 : uaccess_put(page + dstva % PGSIZE, s, n);
    s += n;
    dstva += n;
    len -= n;
  }
  uaccess_end();
  return err;
}

int copyin(pagetable_t pt, void *dst, uint64 srcva, uint64 len)
{
  if (!user_range(srcva, len) || uaccess_begin(pt, srcva, len) != 0)
    return -1;
  char *d = dst;
  int err = 0;
  while (len > 0 && err == 0) {
    uint64 n = chunk(srcva, len);
    uint64 page = user_page(pt, srcva, n, 0);
    err = page == 0 ? -1 : uaccess_get(d, page + srcva % PGSIZE, n);
    d += n;
    srcva += n;
    len -= n;
  }
  uaccess_end();
  return err;
}

// Copy from addr into dst up to and including a NUL, at most n bytes. 1 if
// the NUL was among them, 0 if not, -1 if a load faulted.
static int get_string(char *dst, uint64 addr, uint64 n)
{
  for (uint64 i = 0; i < n; i++) {
    if (uaccess_get(&dst[i], addr + i, 1) != 0)
      return -1;
    if (dst[i] == '\0')
      return 1;
  }
  return 0;
}

int copyinstr(pagetable_t pt, char *dst, uint64 srcva, uint64 max)
{
  // How far a string runs is not known before its NUL is read, so only the
  // part in its first page is announced; user_page() vets every page.
  if (uaccess_begin(pt, srcva, chunk(srcva, max)) != 0)
    return -1;
  int got = 0; // 1 once the NUL is copied, -1 after a refusal or a fault
  while (max > 0 && got == 0) {
    uint64 n = chunk(srcva, max);
    uint64 page = user_page(pt, srcva, n, 0);
    got = page == 0 ? -1 : get_string(dst, page + srcva % PGSIZE, n);
    dst += n;
    srcva += n;
    max -= n;
  }
  uaccess_end();
  // max bytes and no NUL among them is a failure too.
  return got == 1 ? 0 : -1;
}
