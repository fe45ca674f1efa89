// Unit tests of the page-table printer (mm/vmprint.c), run on the host on
// page tables built here: the lines must be MIT's pgtbl format exactly.
#include <stdio.h>
#include <string.h>
#include <criterion/criterion.h>
#include "kernel/types.h"
#include "kernel/riscv.h"
#include "kernel/memlayout.h"
#include "kernel/mm/kalloc.h"
#include "kernel/mm/vm.h"
#include "kernel/mm/vmprint.h"
#include "kernel/mm/superpage.h"
#include "kernel/mm/tests/host.h"

#define NPAGES   64
#define MAXLINES 32

static char lines[MAXLINES][VMPRINT_LINE + 1];
static int nlines;

static void collect(const char *line)
{
  cr_assert_lt(nlines, MAXLINES, "more lines than the test expects");
  cr_assert_leq(strlen(line), VMPRINT_LINE);
  strcpy(lines[nlines++], line);
}

// The line vmprint must print for entry e of a table on depth levels below
// the root (1 to 3), mapping va.
static void expect_line(int i, int depth, uint64 va, pte_t e)
{
  char want[VMPRINT_LINE + 1], *s = want;
  for (int d = 0; d < depth; d++)
    s += sprintf(s, " ..");
  sprintf(s, "0x%016lx: pte 0x%016lx pa 0x%016lx", va, e, PTE2PA(e));
  cr_assert_lt(i, nlines, "line %d is missing", i);
  cr_assert_str_eq(lines[i], want, "line %d", i);
}

// The table t's entry for va on level (2 is the root).
static pte_t entry(pagetable_t root, int level, uint64 va)
{
  pagetable_t t = root;
  for (int l = 2; l > level; l--)
    t = (pagetable_t)PTE2PA(t[PX(l, va)]);
  return t[PX(level, va)];
}

Test(vmprint, prints_a_small_process_as_mit_does)
{
  host_arena(NPAGES);
  pagetable_t pt = host_process(); // text, data, guard, stack at 0 to 0x3000
  nlines = 0;
  vmprint(pt, collect);

  cr_assert_eq(nlines, 1 + 2 + 4);
  char head[64];
  sprintf(head, "page table 0x%016lx", (uint64)pt);
  cr_assert_str_eq(lines[0], head);
  expect_line(1, 1, 0, entry(pt, 2, 0));
  expect_line(2, 2, 0, entry(pt, 1, 0));
  for (int i = 0; i < 4; i++)
    expect_line(3 + i, 3, i * PGSIZE, entry(pt, 0, i * PGSIZE));
}

Test(vmprint, prints_the_top_of_the_address_space_with_its_addresses)
{
  host_arena(NPAGES);
  pagetable_t pt = uvmcreate();
  void *a = kalloc(), *b = kalloc(), *c = kalloc();
  cr_assert_eq(mappages(pt, USYSCALL, PGSIZE, (uint64)a, PTE_R | PTE_U), 0);
  cr_assert_eq(mappages(pt, TRAPFRAME, PGSIZE, (uint64)b, PTE_R | PTE_W), 0);
  cr_assert_eq(mappages(pt, TRAMPOLINE, PGSIZE, (uint64)c, PTE_R | PTE_X), 0);
  nlines = 0;
  vmprint(pt, collect);

  cr_assert_eq(nlines, 1 + 2 + 3);
  expect_line(1, 1, 0x3fc0000000UL, entry(pt, 2, TRAMPOLINE));
  expect_line(2, 2, 0x3fffe00000UL, entry(pt, 1, TRAMPOLINE));
  expect_line(3, 3, 0x3fffffd000UL, entry(pt, 0, USYSCALL));
  expect_line(4, 3, 0x3fffffe000UL, entry(pt, 0, TRAPFRAME));
  expect_line(5, 3, 0x3ffffff000UL, entry(pt, 0, TRAMPOLINE));
  cr_assert_eq(PTE2PA(entry(pt, 0, USYSCALL)), (uint64)a);
}

Test(vmprint, a_superpage_is_one_leaf_line_on_level_1)
{
  host_arena(NPAGES);
  pagetable_t pt = uvmcreate();
  // The printer reads only the table, so any aligned address will do.
  uint64 pa = 0x80400000UL;
  cr_assert_eq(superpage_install(pt, SUPERPGSIZE, pa, PTE_R | PTE_W | PTE_U), 0);
  nlines = 0;
  vmprint(pt, collect);

  cr_assert_eq(nlines, 1 + 2, "nothing below a leaf is printed");
  expect_line(1, 1, 0, entry(pt, 2, SUPERPGSIZE));
  expect_line(2, 2, SUPERPGSIZE, entry(pt, 1, SUPERPGSIZE));
  cr_assert_eq(PTE2PA(entry(pt, 1, SUPERPGSIZE)), pa);
}
