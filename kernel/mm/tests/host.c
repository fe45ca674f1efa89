// Host stand-ins for the kernel services the mm code uses besides
// spinlocks, panic and printf (kernel/lib/tests/hostlock.c, which the
// buffer cache's tests link too): push_off and pop_off, the TLB flush, and
// the current process and system-call argument that sys_kstat reads.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <criterion/criterion.h>
#include "kernel/types.h"
#include "kernel/riscv.h"
#include "kernel/lib/spinlock.h"
#include "kernel/arch/tlb.h"
#include "kernel/mm/kalloc.h"
#include "kernel/mm/vm.h"
#include "kernel/mm/fork.h"
#include "kernel/proc/proc.h"
#include "kernel/proc/sysargs.h"
#include "kernel/mm/tests/host.h"

// The pages stay allocated until the test process exits: Criterion runs
// every test in a process of its own. The reference counts take the first
// pages of the allocator's range (refcount_init), as many as the sibling
// under test needs, so the range starts that much lower: the allocator hands
// out exactly npages, the last npages of the buffer, which is what returns.
char *host_arena(int npages)
{
  int spare = 2 + npages * (int)sizeof(int) / PGSIZE;
  char *arena = aligned_alloc(PGSIZE, (size_t)(npages + spare) * PGSIZE);
  cr_assert_not_null(arena, "host out of memory for the arena");
  char *start = arena, *end = arena + (size_t)(npages + spare) * PGSIZE;
  // A smaller range may need a smaller table: at most a few rounds.
  for (int round = 0; round < 4; round++) {
    kalloc_init(start, end);
    int extra = (int)kalloc_nfree() - npages;
    if (extra == 0)
      return end - (size_t)npages * PGSIZE;
    start += (size_t)extra * PGSIZE;
  }
  cr_assert_fail("no arena hands out exactly %d pages", npages);
  return NULL;
}

pagetable_t host_process(void)
{
  pagetable_t pt = uvmcreate();
  cr_assert_not_null(pt);
  cr_assert_eq(uvmalloc(pt, 0, PGSIZE, PTE_X), PGSIZE);
  cr_assert_eq(uvmalloc(pt, PGSIZE, HOST_PROCESS_SZ, PTE_W), HOST_PROCESS_SZ);
  uvmclear(pt, 2 * PGSIZE);
  for (uint64 va = 0; va < HOST_PROCESS_SZ; va += PGSIZE)
    memset(host_page(pt, va), 'a' + va / PGSIZE, PGSIZE);
  return pt;
}

int host_store_fault(pagetable_t pt, uint64 va)
{
  return fork_fault(pt, va, uvm_user_pte(pt, va));
}

unsigned char *host_page(pagetable_t pt, uint64 va)
{
  pte_t *pte = walk(pt, va, 0);
  cr_assert(pte != NULL && (*pte & PTE_V), "va %#lx not mapped", va);
  return (unsigned char *)PTE2PA(*pte);
}

void push_off(void)
{
}

void pop_off(void)
{
}

// The host runs no page table, so there is never a stale translation.
void tlb_flush_page(pagetable_t pt, uint64 va)
{
  (void)pt;
  (void)va;
}

void tlb_flush_user(pagetable_t pt)
{
  (void)pt;
}

struct proc host_proc;
uint64 host_syscall_args[6];

struct proc *myproc(void)
{
  return &host_proc;
}

void argaddr(int n, uint64 *ip)
{
  *ip = host_syscall_args[n];
}
