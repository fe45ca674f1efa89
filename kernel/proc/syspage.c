// The page calls of -Dlab=ucow: user code maps, unmaps and inspects pages
// of its own address space or of its unstarted exofork child, so that fork
// and copy-on-write can be written in the user library. Relies on mm/ for
// page tables, pages and their reference counts.
//
// Where a page may go: va page-aligned and below the target's size p->sz.
// Since sz stays below TRAPFRAME, that also keeps the trampoline, the
// trapframe and everything >= MAXVA out of reach, and every page these
// calls map is one that uvmfree's sweep of [0, sz) frees at exit. The price
// is holes: an unmapped page inside [0, sz), which vm.c and the fork
// policies skip. A process grows sz with sbrk first, then maps there.
#include <stddef.h>
#include "kernel/types.h"
#include "kernel/param.h"
#include "kernel/riscv.h"
#include "kernel/ufault.h"
#include "kernel/lib/string.h"
#include "kernel/arch/tlb.h"
#include "kernel/mm/kalloc.h"
#include "kernel/mm/vm.h"
#include "kernel/mm/cow.h"
#include "kernel/mm/refcount.h"
#include "kernel/proc/proc.h"
#include "kernel/proc/sysargs.h"
#include "kernel/proc/systable.h"

// The permission bits a user may ask for; PTE_U is accepted and implied.
#define UPERM_BITS (PTE_R | PTE_W | PTE_X | PTE_U | PTE_COW)

// Fetch argument n as a pid and find its process (proc_target).
static struct proc *argproc(int n)
{
  int pid;
  argint(n, &pid);
  return proc_target(pid);
}

static int va_ok(struct proc *p, uint64 va)
{
  return va % PGSIZE == 0 && va < p->sz;
}

// A page always readable (W or X alone is reserved or odd), never writable
// and copy-on-write at once: that would leave the fault handler nothing to do.
static int perm_ok(int perm)
{
  if (perm & ~UPERM_BITS)
    return 0;
  if ((perm & PTE_R) == 0)
    return 0;
  return (perm & (PTE_W | PTE_COW)) != (PTE_W | PTE_COW);
}

// Put pa at va in p with perm, replacing what was there. The caller has
// counted p's new reference to pa; the old page's reference is dropped. 0,
// or -1 (a page-table page could not be had, or va holds a page of the
// kernel's own, the stack guard) with nothing changed.
static int install(struct proc *p, uint64 va, uint64 pa, int perm)
{
  pte_t *pte = walk(p->pagetable, va, 1);
  if (pte == NULL)
    return -1;
  if ((*pte & PTE_V) && (*pte & PTE_U) == 0)
    return -1;
  pte_t old = *pte;
  *pte = PA2PTE(pa) | perm | PTE_U | PTE_V;
  if (old & PTE_V) {
    tlb_flush_page(p->pagetable, va);
    kdrop((void *)PTE2PA(old));
  }
  return 0;
}

// page_alloc(pid, va, perm): a zeroed page at va. 0 or -1.
uint64 sys_page_alloc(void)
{
  struct proc *p = argproc(0);
  uint64 va;
  int perm;
  argaddr(1, &va);
  argint(2, &perm);
  if (p == NULL || !va_ok(p, va) || !perm_ok(perm))
    return -1;
  void *mem = kalloc();
  if (mem == NULL)
    return -1;
  memset(mem, 0, PGSIZE);
  if (install(p, va, (uint64)mem, perm) != 0) {
    kfree(mem);
    return -1;
  }
  return 0;
}

// page_map(srcpid, srcva, dstpid, dstva, perm): the page at srcva in srcpid
// also at dstva in dstpid. Write access only to a page the source may write.
uint64 sys_page_map(void)
{
  struct proc *src = argproc(0);
  struct proc *dst = argproc(2);
  uint64 srcva, dstva;
  int perm;
  argaddr(1, &srcva);
  argaddr(3, &dstva);
  argint(4, &perm);
  if (src == NULL || dst == NULL || !va_ok(src, srcva) || !va_ok(dst, dstva) || !perm_ok(perm))
    return -1;
  pte_t *spte = uvm_user_pte(src->pagetable, srcva);
  if (spte == NULL)
    return -1;
  if ((perm & PTE_W) && (*spte & PTE_W) == 0)
    return -1;
  uint64 pa = PTE2PA(*spte);
  // Count the new reference before install drops the old one: mapping a
  // page over itself (re-marking it COW) must not free it on the way.
  refcount_inc(pa);
  if (install(dst, dstva, pa, perm) != 0) {
    kdrop((void *)pa); // undo the refcount_inc above
    return -1;
  }
  return 0;
}

// The (pid, va) arguments of page_unmap and page_perm, and what they name.
struct page_arg {
  struct proc *p;
  uint64 va;
  pte_t *pte; // va's user page in p, NULL for a hole
};

// Fetch them into *a: 0, or -1 for a pid or va the page calls refuse.
static int arg_page(struct page_arg *a)
{
  a->p = argproc(0);
  argaddr(1, &a->va);
  if (a->p == NULL || !va_ok(a->p, a->va))
    return -1;
  a->pte = uvm_user_pte(a->p->pagetable, a->va);
  return 0;
}

// page_unmap(pid, va): no page at va any more. Unmapping a hole is fine.
uint64 sys_page_unmap(void)
{
  struct page_arg a;
  if (arg_page(&a) < 0)
    return -1;
  if (a.pte == NULL)
    return 0;
  uint64 pa = PTE2PA(*a.pte);
  *a.pte = 0;
  tlb_flush_page(a.p->pagetable, a.va);
  kdrop((void *)pa);
  return 0;
}

// page_perm(pid, va): the permission bits of va's page (kernel/ufault.h),
// PTE_U among them, or 0 if no user page is there. Sv39 has no self-map
// through which user code could read its own page table.
uint64 sys_page_perm(void)
{
  struct page_arg a;
  if (arg_page(&a) < 0)
    return -1;
  return a.pte == NULL ? 0 : *a.pte & UPERM_BITS;
}

// exofork(): an empty child (proc_exofork). Its pid, 0 in it, or -1.
uint64 sys_exofork(void)
{
  return proc_exofork();
}

// proc_start(pid): let the caller's exofork child run. 0 or -1.
uint64 sys_proc_start(void)
{
  int pid;
  argint(0, &pid);
  return proc_start(pid);
}
