// Host support for the superpage tests (superhost.h).
#include <stdlib.h>
#include <criterion/criterion.h>
#include "kernel/types.h"
#include "kernel/riscv.h"
#include "kernel/mm/kalloc.h"
#include "kernel/mm/vm.h"
#include "kernel/mm/tests/superhost.h"

char *super_arena(int nblocks)
{
  char *arena = aligned_alloc(SUPERPGSIZE, (size_t)nblocks * SUPERPGSIZE);
  cr_assert_not_null(arena, "host out of memory for the arena");
  kalloc_init(arena, arena + (size_t)nblocks * SUPERPGSIZE);
  return arena;
}

int leaf_level(pagetable_t pt, uint64 va)
{
  int level;
  pte_t *pte = walk_level(pt, va, &level);
  cr_assert(pte != NULL && (*pte & PTE_V), "va %#lx not mapped", va);
  return level;
}
