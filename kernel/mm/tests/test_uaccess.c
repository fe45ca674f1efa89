// Unit tests of copyout, copyin and copyinstr (uaccess/simulate.c) with the
// eager fork policy, run on the host.
#include <string.h>
#include <criterion/criterion.h>
#include "kernel/types.h"
#include "kernel/riscv.h"
#include "kernel/memlayout.h"
#include "kernel/mm/kalloc.h"
#include "kernel/mm/vm.h"
#include "kernel/mm/uaccess.h"
#include "kernel/mm/tests/host.h"

#define NPAGES 64

// User memory: text at page 0 (R|X), data pages 1 and 2 (R|W), a guard page
// 3 without PTE_U, and nothing from page 4 on.
static pagetable_t make_user(void)
{
  host_arena(NPAGES);
  pagetable_t pt = uvmcreate();
  cr_assert_eq(uvmalloc(pt, 0, PGSIZE, PTE_X), PGSIZE);
  cr_assert_eq(uvmalloc(pt, PGSIZE, 4 * PGSIZE, PTE_W), 4 * PGSIZE);
  uvmclear(pt, 3 * PGSIZE);
  return pt;
}

static char *kaddr(pagetable_t pt, uint64 va)
{
  return (char *)(PTE2PA(*walk(pt, va, 0)) + va % PGSIZE);
}

Test(uaccess, copyout_writes_across_pages)
{
  pagetable_t pt = make_user();
  char buf[100];
  memset(buf, 'x', sizeof(buf));
  cr_assert_eq(copyout(pt, 2 * PGSIZE - 50, buf, sizeof(buf)), 0);
  cr_assert_eq(memcmp(kaddr(pt, 2 * PGSIZE - 50), buf, 50), 0);
  cr_assert_eq(memcmp(kaddr(pt, 2 * PGSIZE), buf, 50), 0);
  cr_assert_eq(*kaddr(pt, 2 * PGSIZE + 50), 0, "nothing past len is written");
}

Test(uaccess, copyout_refuses_readonly_page)
{
  pagetable_t pt = make_user();
  char buf[16] = "overwrite text";
  cr_assert_eq(copyout(pt, 0x10, buf, sizeof(buf)), -1);
  cr_assert_eq(*kaddr(pt, 0x10), 0, "the text page is untouched");
  cr_assert_eq(copyout(pt, PGSIZE - 8, buf, sizeof(buf)), -1, "a range that ends in data too");
}

Test(uaccess, copyout_refuses_kernel_address)
{
  pagetable_t pt = make_user();
  char c = 'k';
  cr_assert_eq(copyout(pt, MAXVA, &c, 1), -1);
  cr_assert_eq(copyout(pt, MAXVA - 1, &c, 2), -1, "a range that crosses MAXVA");
  cr_assert_eq(copyout(pt, 0x80000000UL, &c, 1), -1, "unmapped");
  cr_assert_eq(copyout(pt, 3 * PGSIZE, &c, 1), -1, "the guard page has no PTE_U");
  cr_assert_eq(*kaddr(pt, 3 * PGSIZE), 0);
}

Test(uaccess, copyin_crosses_page_boundary)
{
  pagetable_t pt = make_user();
  memset(kaddr(pt, PGSIZE), 'p', PGSIZE);
  memset(kaddr(pt, 2 * PGSIZE), 'q', PGSIZE);
  char buf[64];
  cr_assert_eq(copyin(pt, buf, 2 * PGSIZE - 32, sizeof(buf)), 0);
  for (int i = 0; i < 64; i++)
    cr_assert_eq(buf[i], i < 32 ? 'p' : 'q', "byte %d", i);
}

Test(uaccess, copyin_reads_text_but_not_guard_or_unmapped)
{
  pagetable_t pt = make_user();
  char buf[8];
  cr_assert_eq(copyin(pt, buf, 0, sizeof(buf)), 0, "text is readable");
  cr_assert_eq(copyin(pt, buf, 3 * PGSIZE, sizeof(buf)), -1);
  cr_assert_eq(copyin(pt, buf, 4 * PGSIZE, sizeof(buf)), -1);
  cr_assert_eq(copyin(pt, buf, MAXVA, 1), -1);
}

Test(uaccess, copyinstr_copies_string_across_pages)
{
  pagetable_t pt = make_user();
  // The two user pages are not adjacent in physical memory.
  memcpy(kaddr(pt, 2 * PGSIZE - 3), "abc", 3);
  memcpy(kaddr(pt, 2 * PGSIZE), "def", 4);
  char buf[16];
  cr_assert_eq(copyinstr(pt, buf, 2 * PGSIZE - 3, sizeof(buf)), 0);
  cr_assert_str_eq(buf, "abcdef");
}

Test(uaccess, copyinstr_fits_exactly_max_bytes)
{
  pagetable_t pt = make_user();
  memcpy(kaddr(pt, PGSIZE), "four", 5);
  char buf[5];
  cr_assert_eq(copyinstr(pt, buf, PGSIZE, 5), 0, "four letters and the NUL fit in 5");
  cr_assert_str_eq(buf, "four");
  cr_assert_eq(copyinstr(pt, buf, PGSIZE, 4), -1, "but not in 4");
}

Test(uaccess, copyinstr_stops_at_unmapped_page)
{
  pagetable_t pt = make_user();
  // Data page 2 ends without a NUL; the guard page follows.
  memset(kaddr(pt, 2 * PGSIZE), 's', PGSIZE);
  char buf[2 * PGSIZE];
  cr_assert_eq(copyinstr(pt, buf, 3 * PGSIZE - 10, sizeof(buf)), -1);
  cr_assert_eq(copyinstr(pt, buf, 4 * PGSIZE, sizeof(buf)), -1);
}

Test(uaccess, copyinstr_rejects_missing_nul)
{
  pagetable_t pt = make_user();
  memset(kaddr(pt, PGSIZE), 'n', 64);
  char buf[32];
  cr_assert_eq(copyinstr(pt, buf, PGSIZE, sizeof(buf)), -1);
  cr_assert_eq(copyinstr(pt, buf, PGSIZE, 0), -1, "no room even for the NUL");
}

Test(uaccess, copy_wraparound_is_rejected)
{
  pagetable_t pt = make_user();
  char buf[16] = {0};
  // dstva + len wraps to a small, mapped, writable address.
  uint64 va = ~0UL - 7;
  cr_assert_eq(copyout(pt, va, buf, PGSIZE + 16), -1);
  cr_assert_eq(copyin(pt, buf, va, PGSIZE + 16), -1);
  cr_assert_eq(copyout(pt, PGSIZE, buf, ~0UL), -1, "a length that wraps past zero");
  cr_assert_eq(copyin(pt, buf, PGSIZE, ~0UL), -1);
}

// The one rule for user pointers (uaccess/walk.c): a range is the user's iff
// it does not wrap, stays below TRAPFRAME and every page it touches is mapped
// with PTE_U. copyout, copyin and copyinstr agree on each range (all of them
// are on pages the policy lets the kernel write, so the policy plays no part).
Test(uaccess, every_copy_follows_the_same_rule)
{
  static const struct {
    uint64 va, len;
    int ok;
    const char *what;
  } ranges[] = {
      {PGSIZE, 16, 1, "inside a data page"},
      {2 * PGSIZE - 8, 16, 1, "across two data pages"},
      {3 * PGSIZE - 8, 16, 0, "running into the guard page"},
      {3 * PGSIZE, 8, 0, "in the guard page"},
      {4 * PGSIZE, 8, 0, "in an unmapped page"},
      {TRAPFRAME - 8, 8, 0, "just below the trapframe"},
      {TRAPFRAME, 8, 0, "in the trapframe"},
      {MAXVA - 8, 16, 0, "across MAXVA"},
      {~0UL - 7, 16, 0, "wrapping around"},
  };
  pagetable_t pt = make_user();
  // No NUL in the data pages, so a string ends only where a copy put one.
  memset(kaddr(pt, PGSIZE), 'x', PGSIZE);
  memset(kaddr(pt, 2 * PGSIZE), 'x', PGSIZE);
  for (size_t i = 0; i < sizeof(ranges) / sizeof(ranges[0]); i++) {
    uint64 va = ranges[i].va, len = ranges[i].len;
    int want = ranges[i].ok ? 0 : -1;
    char buf[16], got[16];
    memset(buf, 's', len - 1);
    buf[len - 1] = '\0';
    cr_assert_eq(copyout(pt, va, buf, len), want, "copyout %s", ranges[i].what);
    cr_assert_eq(copyin(pt, got, va, len), want, "copyin %s", ranges[i].what);
    cr_assert_eq(copyinstr(pt, got, va, len), want, "copyinstr %s", ranges[i].what);
    if (want == 0)
      cr_assert_str_eq(got, buf, "%s", ranges[i].what);
  }
}

// Past an odd break, the rest of its page is mapped: the user can load and
// store there itself, so the kernel may too; the next page is not the user's.
Test(uaccess, rest_of_the_page_past_an_odd_break_is_the_users)
{
  host_arena(NPAGES);
  pagetable_t pt = uvmcreate();
  cr_assert_eq(uvmalloc(pt, 0, PGSIZE + 100, PTE_W), PGSIZE + 100);
  uint64 word = 7;
  cr_assert_eq(copyout(pt, 2 * PGSIZE - 8, &word, sizeof(word)), 0);
  cr_assert_eq(copyin(pt, &word, 2 * PGSIZE - 8, sizeof(word)), 0);
  cr_assert_eq(word, 7);
  cr_assert_eq(copyin(pt, &word, 2 * PGSIZE - 4, sizeof(word)), -1, "the next page is unmapped");
}
