// Unit tests of copy-on-write fork (fork/cow.c over mm/cow.c), run on the
// host against each correct refcount scheme: what fork shares, what a store
// fault copies or reuses, and that every page comes back.
#include <string.h>
#include <criterion/criterion.h>
#include "kernel/types.h"
#include "kernel/riscv.h"
#include "kernel/kstat.h"
#include "kernel/mm/kalloc.h"
#include "kernel/mm/vm.h"
#include "kernel/mm/fork.h"
#include "kernel/mm/cow.h"
#include "kernel/mm/counters.h"
#include "kernel/mm/refcount.h"
#include "kernel/mm/uaccess.h"
#include "kernel/mm/tests/host.h"

#define NPAGES 64
#define DATA   PGSIZE       // the data page of host_process()
#define STACK  (3 * PGSIZE) // its stack page

static pagetable_t parent, child;

static void forked(void)
{
  host_arena(NPAGES);
  parent = host_process();
  child = uvmcreate();
  cr_assert_eq(fork_copy_mm(parent, child, HOST_PROCESS_SZ), 0);
}

static uint64 flags(pagetable_t pt, uint64 va)
{
  return PTE_FLAGS(*walk(pt, va, 0));
}

static struct kstat stats(void)
{
  struct kstat ks;
  kstat_read(&ks);
  return ks;
}

Test(cow, fork_shares_writable_pages_read_only_with_cow_bit_and_count_2)
{
  forked();
  for (uint64 va = DATA; va < HOST_PROCESS_SZ; va += PGSIZE) {
    cr_assert_eq(host_page(child, va), host_page(parent, va), "va %#lx not shared", va);
    cr_assert_eq(refcount_get((uint64)host_page(parent, va)), 2);
    for (int i = 0; i < 2; i++) {
      uint64 f = flags(i ? child : parent, va);
      cr_assert_eq(f & PTE_W, 0, "va %#lx still writable", va);
      cr_assert_neq(f & PTE_COW, 0, "va %#lx not marked COW", va);
    }
  }
  cr_assert_eq(flags(child, STACK), PTE_V | PTE_R | PTE_U | PTE_COW);
  cr_assert_eq(flags(child, 2 * PGSIZE) & PTE_U, 0, "the guard page stays out of user reach");
}

Test(cow, fork_shares_text_as_it_is_without_cow_bit)
{
  forked();
  cr_assert_eq(host_page(child, 0), host_page(parent, 0));
  cr_assert_eq(refcount_get((uint64)host_page(parent, 0)), 2);
  cr_assert_eq(flags(parent, 0), PTE_V | PTE_R | PTE_X | PTE_U);
  cr_assert_eq(flags(child, 0), PTE_V | PTE_R | PTE_X | PTE_U);
}

Test(cow, fork_copies_no_user_page)
{
  host_arena(NPAGES);
  parent = host_process();
  child = uvmcreate();
  uint64 before = kalloc_nfree();
  cr_assert_eq(fork_copy_mm(parent, child, HOST_PROCESS_SZ), 0);
  cr_assert_eq(before - kalloc_nfree(), 2, "only the child's two lower page-table pages");
}

Test(cow, cow_fault_gives_writer_private_copy)
{
  forked();
  unsigned char *shared = host_page(parent, STACK);
  struct kstat s0 = stats();
  cr_assert_eq(host_store_fault(child, STACK + 8), 0);
  struct kstat s1 = stats();

  unsigned char *mine = host_page(child, STACK);
  cr_assert_neq(mine, shared, "the writer got a page of its own");
  cr_assert_eq(memcmp(mine, shared, PGSIZE), 0, "with the same bytes");
  cr_assert_eq(flags(child, STACK), PTE_V | PTE_R | PTE_W | PTE_U, "writable, no COW bit");
  cr_assert_eq(host_page(parent, STACK), shared, "the other sharer keeps the original");
  cr_assert_eq(refcount_get((uint64)shared), 1);
  cr_assert_eq(refcount_get((uint64)mine), 1);
  mine[0] = 'z';
  cr_assert_eq(shared[0], 'd', "a store to the copy is not seen by the parent");
  cr_assert_eq(s1.cow_faults - s0.cow_faults, 1);
  cr_assert_eq(s1.cow_copied - s0.cow_copied, 1);
  cr_assert_eq(s1.cow_reused, s0.cow_reused);
}

Test(cow, last_sharer_gets_page_back_without_copy)
{
  forked();
  unsigned char *shared = host_page(parent, STACK);
  cr_assert_eq(host_store_fault(child, STACK), 0);
  uint64 nfree = kalloc_nfree();
  struct kstat s0 = stats();
  cr_assert_eq(host_store_fault(parent, STACK), 0);
  struct kstat s1 = stats();

  cr_assert_eq(host_page(parent, STACK), shared, "same page, made writable");
  cr_assert_eq(flags(parent, STACK), PTE_V | PTE_R | PTE_W | PTE_U);
  cr_assert_eq(kalloc_nfree(), nfree, "no page allocated");
  cr_assert_eq(s1.cow_reused - s0.cow_reused, 1);
  cr_assert_eq(s1.cow_copied, s0.cow_copied);
}

Test(cow, store_to_text_or_unmapped_page_is_a_real_fault)
{
  forked();
  cr_assert_eq(host_store_fault(child, 0), -1, "text stays read-only");
  cr_assert_eq(flags(child, 0), PTE_V | PTE_R | PTE_X | PTE_U, "and unchanged");
  cr_assert_eq(host_store_fault(child, 2 * PGSIZE), -1, "the guard page is no user page");
  cr_assert_eq(host_store_fault(child, 40 * PGSIZE), -1, "unmapped");
  cr_assert_eq(host_store_fault(child, MAXVA + PGSIZE), -1, "beyond the address space");
}

Test(cow, fault_without_memory_fails_and_changes_nothing)
{
  forked();
  void *hog[NPAGES];
  int n = 0;
  while ((hog[n] = kalloc()) != NULL)
    n++;
  unsigned char *shared = host_page(child, STACK);
  cr_assert_eq(host_store_fault(child, STACK), -1, "out of memory: the process is killed");
  cr_assert_eq(host_page(child, STACK), shared);
  cr_assert_eq(flags(child, STACK) & (PTE_W | PTE_COW), PTE_COW);
  cr_assert_eq(refcount_get((uint64)shared), 2);
  while (n > 0)
    kfree(hog[--n]);
}

Test(cow, freeing_both_processes_returns_every_page)
{
  host_arena(NPAGES);
  uint64 before = kalloc_nfree();
  parent = host_process();
  child = uvmcreate();
  cr_assert_eq(fork_copy_mm(parent, child, HOST_PROCESS_SZ), 0);
  cr_assert_eq(host_store_fault(child, DATA), 0);
  uvmfree(child, HOST_PROCESS_SZ);
  cr_assert_eq(host_page(parent, STACK)[0], 'd', "the parent's pages survive the child");
  cr_assert_eq(host_store_fault(parent, STACK), 0);
  uvmfree(parent, HOST_PROCESS_SZ);
  cr_assert_eq(kalloc_nfree(), before);
}

Test(cow, copyout_into_shared_page_copies_it_first)
{
  forked();
  cr_assert_eq(copyout(child, STACK + 16, "zz", 2), 0);
  cr_assert_eq(host_page(child, STACK)[16], 'z');
  cr_assert_eq(host_page(parent, STACK)[16], 'd', "the parent does not see the child's read");
  cr_assert_eq(copyout(child, 0, "zz", 2), -1, "text is not writable by copyout either");
}

Test(cow, failed_fork_drops_the_childs_references)
{
  host_arena(600);
  parent = uvmcreate();
  // One page more than a leaf page-table page maps: the child needs two.
  uint64 sz = 513 * PGSIZE;
  cr_assert_eq(uvmalloc(parent, 0, sz, PTE_W), sz);
  child = uvmcreate();
  void *hog[600];
  int n = 0;
  while (kalloc_nfree() > 2)
    hog[n++] = kalloc();

  cr_assert_eq(fork_copy_mm(parent, child, sz), -1, "the second leaf table does not fit");
  for (uint64 va = 0; va < sz; va += PGSIZE) {
    pte_t *pte = walk(child, va, 0);
    cr_assert(pte == NULL || *pte == 0, "va %#lx left mapped in the child", va);
    cr_assert_eq(refcount_get((uint64)host_page(parent, va)), 1, "va %#lx", va);
  }
  uint64 nfree = kalloc_nfree();
  cr_assert_eq(host_store_fault(parent, 0), 0, "the parent's store reuses its page");
  cr_assert_eq(kalloc_nfree(), nfree);
  while (n > 0)
    kfree(hog[--n]);
}
