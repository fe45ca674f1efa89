// Host tests of the user page-fault frame (proc/ufault.c): its layout, where
// it goes on the exception stack, and the register copy both ways.
#include <stddef.h>
#include <string.h>
#include <criterion/criterion.h>
#include "kernel/types.h"
#include "kernel/riscv.h"
#include "kernel/ufault.h"
#include "kernel/proc/proc.h"
#include "kernel/proc/ufault.h"

#define XTOP 0x10000UL // an exception stack at [0xf000, 0x10000)

Test(ufault, frame_layout_is_va_scause_epc_then_x1_to_x31)
{
  cr_assert_eq(offsetof(struct ufault_frame, va), 0);
  cr_assert_eq(offsetof(struct ufault_frame, scause), 8);
  cr_assert_eq(offsetof(struct ufault_frame, epc), 16);
  cr_assert_eq(offsetof(struct ufault_frame, x), 24);
  cr_assert_eq(sizeof(struct ufault_frame), 272);
  cr_assert_eq(UF_REG(10), 9, "a0 is x10");
}

Test(ufault, first_frame_goes_below_the_top_aligned)
{
  uint64 f = 0;
  cr_assert_eq(ufault_place(0x7ff0, XTOP, &f), 0, "sp on the ordinary stack");
  cr_assert_eq(f, XTOP - sizeof(struct ufault_frame));
  cr_assert_eq(f % 16, 0);
}

Test(ufault, sp_at_the_top_is_an_empty_exception_stack)
{
  uint64 f = 0;
  cr_assert_eq(ufault_place(XTOP, XTOP, &f), 0);
  cr_assert_eq(f, XTOP - sizeof(struct ufault_frame));
}

Test(ufault, nested_fault_stacks_below_sp)
{
  uint64 f = 0;
  uint64 sp = XTOP - 1000 - 8; // unaligned, as a handler's sp is not
  cr_assert_eq(ufault_place(sp, XTOP, &f), 0);
  cr_assert(f + sizeof(struct ufault_frame) <= sp, "does not overwrite the handler's stack");
  cr_assert(sp - f < sizeof(struct ufault_frame) + 16);
  cr_assert_eq(f % 16, 0);
}

Test(ufault, frame_that_would_overflow_the_page_is_refused)
{
  uint64 f = 0xdead;
  uint64 bottom = XTOP - PGSIZE;
  cr_assert_eq(ufault_place(bottom + sizeof(struct ufault_frame) - 1, XTOP, &f), -1);
  cr_assert_eq(f, 0xdead, "nothing written on refusal");
  cr_assert_eq(ufault_place(bottom, XTOP, &f), -1, "sp at the very bottom");
  cr_assert_eq(ufault_place(bottom + sizeof(struct ufault_frame), XTOP, &f), 0);
  cr_assert_eq(f, bottom);
}

static void numbered(struct trapframe *tf)
{
  memset(tf, 0, sizeof(*tf));
  uint64 *r = &tf->ra;
  for (int i = 0; i < 31; i++)
    r[i] = 0x1000 + (uint64)i + 1; // xi holds 0x1000 + i
  tf->epc = 0x400;
}

Test(ufault, fill_records_every_register_and_the_cause)
{
  struct trapframe tf;
  numbered(&tf);
  struct ufault_frame f;
  ufault_fill(&f, &tf, 15, 0x100eef);
  cr_assert_eq(f.va, 0x100eef);
  cr_assert_eq(f.scause, 15);
  cr_assert_eq(f.epc, 0x400);
  for (int n = 1; n <= 31; n++)
    cr_assert_eq(f.x[UF_REG(n)], 0x1000 + (uint64)n, "x%d", n);
  cr_assert_eq(f.x[UF_REG(2)], tf.sp);
  cr_assert_eq(f.x[UF_REG(10)], tf.a0);
  cr_assert_eq(f.x[UF_REG(31)], tf.t6);
}

Test(ufault, restore_gives_back_every_register_and_the_pc)
{
  struct trapframe tf, saved;
  numbered(&tf);
  saved = tf;
  struct ufault_frame f;
  ufault_fill(&f, &tf, 13, 0x2000);
  memset(&tf.ra, 0x55, 31 * 8);
  tf.epc = 0x9999;
  cr_assert_eq(ufault_restore(&tf, &f, 0x10000), 0);
  cr_assert_eq(memcmp(&tf.ra, &saved.ra, 31 * 8), 0);
  cr_assert_eq(tf.epc, 0x400);
}

Test(ufault, restore_refuses_a_pc_outside_the_process)
{
  struct trapframe tf, before;
  numbered(&tf);
  struct ufault_frame f;
  ufault_fill(&f, &tf, 13, 0x2000);
  f.epc = 0x80000000; // kernel text
  before = tf;
  cr_assert_eq(ufault_restore(&tf, &f, 0x10000), -1);
  f.epc = 0x10000; // just past sz
  cr_assert_eq(ufault_restore(&tf, &f, 0x10000), -1);
  cr_assert_eq(memcmp(&tf, &before, sizeof(tf)), 0, "tf left alone");
}
