// Unit tests of alloc/nosteal.c, broken on purpose: they show a hart
// running out of pages while the other harts' lists still hold free ones.
#include <criterion/criterion.h>
#include "kernel/types.h"
#include "kernel/param.h"
#include "kernel/riscv.h"
#include "kernel/mm/kalloc.h"
#include "kernel/mm/tests/host.h"

#define NPAGES (NCPU * 16)

Test(alloc_nosteal, a_hart_runs_out_while_others_hold_pages)
{
  host_arena(NPAGES);
  host_cpu = 1;
  for (int i = 0; i < NPAGES / NCPU; i++)
    cr_assert_not_null(kalloc(), "hart 1's own share");
  cr_assert_null(kalloc(), "nosteal: hart 1 gets nothing more");
  cr_assert_eq(kalloc_nfree(), NPAGES - NPAGES / NCPU, "though the others hold the rest");
}
