// Unit tests of the memory counters (mm/counters.c) and the kstat system call
// (proc/syskstat.c), run on the host with a stand-in current process
// (tests/host.c).
#include <criterion/criterion.h>
#include "kernel/types.h"
#include "kernel/riscv.h"
#include "kernel/kstat.h"
#include "kernel/mm/kalloc.h"
#include "kernel/mm/counters.h"
#include "kernel/mm/vm.h"
#include "kernel/proc/systable.h"
#include "kernel/mm/tests/host.h"

#define NPAGES 64
#define DATA   PGSIZE

Test(kstat, kalloc_and_kfree_are_counted)
{
  host_arena(NPAGES);
  struct kstat a, b;
  kstat_read(&a);
  void *p = kalloc();
  void *q = kalloc();
  kfree(p);
  kstat_read(&b);
  cr_assert_eq(b.pages_allocated - a.pages_allocated, 2);
  cr_assert_eq(b.pages_freed - a.pages_freed, 1);
  cr_assert_eq(b.pages_free, NPAGES - 1);
  cr_assert_eq(b.pages_free, kalloc_nfree());
  kfree(q);
}

Test(kstat, sys_kstat_copies_counters_to_user_memory)
{
  host_arena(NPAGES);
  host_proc.pagetable = host_process();
  host_syscall_args[0] = DATA + 8;
  kstat_count(KSTAT_FORK);
  cr_assert_eq(sys_kstat(), 0);

  struct kstat now;
  kstat_read(&now);
  struct kstat *got = (struct kstat *)(host_page(host_proc.pagetable, DATA) + 8);
  cr_assert_eq(got->forks, now.forks);
  cr_assert_geq(got->forks, 1);
  cr_assert_eq(got->pages_free, now.pages_free);
  cr_assert_eq(got->pages_allocated, now.pages_allocated);
}

Test(kstat, sys_kstat_bad_pointer_is_minus_one)
{
  host_arena(NPAGES);
  host_proc.pagetable = host_process();
  uint64 bad[] = {0, 2 * PGSIZE, 40 * PGSIZE, MAXVA - 8, ~0UL - 8};
  for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
    host_syscall_args[0] = bad[i];
    cr_assert_eq(sys_kstat(), (uint64)-1, "address %#lx", bad[i]);
  }
}
