// Host stand-ins for the kernel services the mm code uses: panic, printf,
// spinlocks, the TLB flush, and the current process and system-call argument
// that sys_kstat reads. Spinlocks really exclude, for the threaded refcount
// tests, and still catch a thread acquiring a lock it already holds.
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <criterion/criterion.h>
#include "kernel/types.h"
#include "kernel/riscv.h"
#include "kernel/lib/printf.h"
#include "kernel/lib/spinlock.h"
#include "kernel/arch/tlb.h"
#include "kernel/mm/kalloc.h"
#include "kernel/mm/vm.h"
#include "kernel/mm/fork.h"
#include "kernel/proc/proc.h"
#include "kernel/proc/sysargs.h"
#include "kernel/mm/tests/host.h"

jmp_buf host_panic_jmp;
volatile int host_release_delay;
volatile int host_panic_armed;
const char *volatile host_panic_msg;

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

void panic(const char *msg)
{
  host_panic_msg = msg;
  if (host_panic_armed)
    longjmp(host_panic_jmp, 1);
  cr_assert_fail("unexpected kernel panic: %s", msg);
  abort();
}

int printf(const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  int n = vprintf(fmt, ap);
  va_end(ap);
  return n;
}

void initlock(struct spinlock *lk, const char *name)
{
  lk->locked = 0;
  lk->name = name;
  lk->cpu = NULL;
}

// Each thread's address stands in for "the cpu holding the lock".
static _Thread_local char this_thread;
#define ME ((struct cpu *)&this_thread)

// The holder of lk, read and written atomically: other threads spin on it.
static struct cpu *holder(struct spinlock *lk)
{
  return __atomic_load_n(&lk->cpu, __ATOMIC_RELAXED);
}

// On one hart, taking a lock already held by the same hart would spin
// forever; fail instead.
void acquire(struct spinlock *lk)
{
  cr_assert(holder(lk) != ME, "acquire of lock %s this thread holds", lk->name);
  while (__atomic_exchange_n(&lk->locked, 1, __ATOMIC_ACQUIRE) != 0)
    ;
  __atomic_store_n(&lk->cpu, ME, __ATOMIC_RELAXED);
}

void release(struct spinlock *lk)
{
  cr_assert(holder(lk) == ME, "release of lock %s this thread does not hold", lk->name);
  __atomic_store_n(&lk->cpu, NULL, __ATOMIC_RELAXED);
  __atomic_store_n(&lk->locked, 0, __ATOMIC_RELEASE);
  // An interrupt arriving just after a kernel release() holds up the
  // releasing hart; tests that study races can stretch that moment.
  for (int i = 0; i < host_release_delay; i++)
    asm volatile("" ::: "memory");
}

int holding(struct spinlock *lk)
{
  return holder(lk) == ME;
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
