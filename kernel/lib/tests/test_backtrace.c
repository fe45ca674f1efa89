// Host tests of the frame-pointer walk (lib/backtrace.c) on a fake kernel
// stack: a page-aligned buffer with frame records laid out as RISC-V's
// calling convention lays them out (return address at fp - 8, the caller's
// frame pointer at fp - 16).
#include <stdint.h>
#include <stdlib.h>
#include <criterion/criterion.h>

#include "kernel/types.h"
#include "kernel/riscv.h"
#include "kernel/lib/backtrace.h"

static uint64 *page; // the fake stack page
static uint64 seen[16];
static int nseen;

static void record(uint64 ra, void *arg)
{
  (void)arg;
  cr_assert(nseen < 16, "the walk did not stop");
  seen[nseen++] = ra;
}

static uint64 at(int offset)
{
  return (uint64)(uintptr_t)page + (uint64)offset;
}

// Write a frame record whose frame pointer is at `fp_off` bytes into the page.
static void frame(int fp_off, uint64 ra, uint64 prev_fp)
{
  page[fp_off / 8 - 1] = ra;
  page[fp_off / 8 - 2] = prev_fp;
}

static void setup(void)
{
  page = aligned_alloc(PGSIZE, PGSIZE);
  cr_assert_not_null(page);
  nseen = 0;
}

static void teardown(void)
{
  free(page);
}

TestSuite(backtrace, .init = setup, .fini = teardown);

Test(backtrace, walk_reports_each_return_address_innermost_first)
{
  // Three frames, the outermost one's pointer being the top of the page, as
  // usertrap's is on a process's kernel stack.
  frame(1024, 0x80001111, at(2048));
  frame(2048, 0x80002222, at(3072));
  frame(3072, 0x80003333, at(PGSIZE));
  cr_assert_eq(backtrace_walk(at(1024), record, 0), 3);
  cr_assert_eq(seen[0], 0x80001111);
  cr_assert_eq(seen[1], 0x80002222);
  cr_assert_eq(seen[2], 0x80003333);
}

Test(backtrace, walk_stops_at_the_top_of_the_stack_page)
{
  // The record of the outermost frame names a frame pointer beyond the page
  // (whatever user mode had in s0): it is not followed.
  frame(4000, 0x80004444, at(PGSIZE) + 64);
  cr_assert_eq(backtrace_walk(at(4000), record, 0), 1);
  cr_assert_eq(seen[0], 0x80004444);
}

Test(backtrace, walk_stops_when_a_frame_pointer_does_not_climb)
{
  // A corrupt record pointing back at itself or below would loop for ever.
  frame(512, 0x80005555, at(512));
  cr_assert_eq(backtrace_walk(at(512), record, 0), 1);
  nseen = 0;
  frame(1536, 0x80006666, at(256));
  cr_assert_eq(backtrace_walk(at(1536), record, 0), 1);
}

Test(backtrace, walk_finds_nothing_from_the_top_or_from_a_record_outside_the_page)
{
  // A frame pointer at the page's top has no record in this page; one too
  // close to the bottom would read the page below; a misaligned one is not a
  // frame pointer at all.
  cr_assert_eq(backtrace_walk(at(PGSIZE), record, 0), 0);
  cr_assert_eq(backtrace_walk(at(8), record, 0), 0);
  cr_assert_eq(backtrace_walk(at(1001), record, 0), 0);
  cr_assert_eq(nseen, 0);
}
