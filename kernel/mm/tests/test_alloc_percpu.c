// Unit tests of alloc/percpu.c, the free lists of the lock lab: a list per
// hart, dealt out at boot, stealing when a hart's own list is empty. Threads
// play the harts (host_cpu, tests/host_cpu.c).
#include <pthread.h>
#include <stdint.h>
#include <criterion/criterion.h>
#include "kernel/types.h"
#include "kernel/param.h"
#include "kernel/riscv.h"
#include "kernel/mm/kalloc.h"
#include "kernel/mm/tests/host.h"

// A whole number of pages per hart: the boot pages are dealt out in turn.
#define NPAGES (NCPU * 16)

Test(alloc_percpu, one_hart_gets_every_page_by_stealing)
{
  char *arena = host_arena(NPAGES);
  char *got[NPAGES];
  host_cpu = 1;
  for (int i = 0; i < NPAGES; i++) {
    got[i] = kalloc();
    cr_assert_not_null(got[i], "page %d of %d: the other harts' pages were not stolen", i, NPAGES);
    cr_assert(got[i] >= arena && got[i] < arena + NPAGES * PGSIZE);
    for (int j = 0; j < i; j++)
      cr_assert_neq(got[i], got[j], "page handed out twice");
  }
  cr_assert_null(kalloc());
  cr_assert_eq(kalloc_nfree(), 0);
}

Test(alloc_percpu, a_page_freed_on_a_hart_is_that_harts_next)
{
  host_arena(NPAGES);
  host_cpu = 2;
  void *p = kalloc();
  host_cpu = 3;
  kfree(p);
  host_cpu = 2;
  cr_assert_neq(kalloc(), p, "the page went to hart 3's list, not hart 2's");
  host_cpu = 3;
  cr_assert_eq(kalloc(), p, "hart 3 hands out the page it was given first");
}

Test(alloc_percpu, the_free_count_is_every_lists_sum)
{
  host_arena(NPAGES);
  void *p[NCPU];
  for (int i = 0; i < NCPU; i++) {
    host_cpu = i;
    p[i] = kalloc();
  }
  cr_assert_eq(kalloc_nfree(), NPAGES - NCPU);
  host_cpu = 0;
  for (int i = 0; i < NCPU; i++)
    kfree(p[i]);
  cr_assert_eq(kalloc_nfree(), NPAGES);
}

Test(alloc_percpu, a_steal_takes_part_of_a_list_not_all)
{
  host_arena(NPAGES);
  host_cpu = 0;
  // Empty hart 0's own share, then one more: a steal from hart 1.
  for (int i = 0; i < NPAGES / NCPU + 1; i++)
    cr_assert_not_null(kalloc());
  // Hart 1 must still have pages of its own, or the steal took them all.
  host_cpu = 1;
  uint64 before = kalloc_nfree();
  cr_assert_not_null(kalloc());
  cr_assert_eq(kalloc_nfree(), before - 1);
}

enum { NTHREADS = 3, ROUNDS = 2000, BATCH = 5 };

// A hart that takes a few pages, writes its mark in each, checks them and
// frees them, over and over.
static void *churn(void *arg)
{
  int me = (int)(intptr_t)arg;
  host_cpu = me;
  for (int r = 0; r < ROUNDS; r++) {
    int *pages[BATCH];
    for (int i = 0; i < BATCH; i++) {
      pages[i] = kalloc();
      if (pages[i] == NULL)
        return (void *)1;
      pages[i][1] = me * 1000000 + r * 10 + i;
    }
    for (int i = 0; i < BATCH; i++) {
      if (pages[i][1] != me * 1000000 + r * 10 + i)
        return (void *)2; // another hart got the same page
      kfree(pages[i]);
    }
  }
  return NULL;
}

Test(alloc_percpu, harts_at_once_never_share_a_page_or_lose_one)
{
  host_arena(NPAGES);
  pthread_t t[NTHREADS];
  for (int i = 0; i < NTHREADS; i++)
    pthread_create(&t[i], NULL, churn, (void *)(intptr_t)i);
  for (int i = 0; i < NTHREADS; i++) {
    void *result;
    pthread_join(t[i], &result);
    cr_assert_null(result, "hart %d: %s", i,
                   result == (void *)1 ? "kalloc failed" : "a page changed under it");
  }
  cr_assert_eq(kalloc_nfree(), NPAGES, "pages lost");
}
