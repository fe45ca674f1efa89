// The pgtbl lab's system calls about the caller's own page table: kpgtbl()
// prints it on the console (mm/vmprint.c) and pgpte(va) returns the leaf
// PTE that maps va, for tests that look at page sizes and permissions.
#include <stddef.h>
#include "kernel/types.h"
#include "kernel/riscv.h"
#include "kernel/lib/printf.h"
#include "kernel/mm/vm.h"
#include "kernel/mm/vmprint.h"
#include "kernel/proc/proc.h"
#include "kernel/proc/sysargs.h"
#include "kernel/proc/systable.h"

static void console_line(const char *line)
{
  printf("%s\n", line);
}

// kpgtbl(): print the caller's page table. Always 0.
uint64 sys_kpgtbl(void)
{
  vmprint(myproc()->pagetable, console_line);
  return 0;
}

// pgpte(va): the leaf PTE that maps va (a superpage's for each of its 512
// pages), or 0 if no valid leaf does. Any address may be asked about.
uint64 sys_pgpte(void)
{
  uint64 va;
  argaddr(0, &va);
  pte_t *pte = walk(myproc()->pagetable, va, 0);
  if (pte == NULL || (*pte & PTE_V) == 0)
    return 0;
  return *pte;
}
