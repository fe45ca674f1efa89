// The page-table printer behind kpgtbl() (vmprint.h). It formats numbers
// itself rather than through printf, so that the kernel and a host test see
// the same characters. Relies only on the Sv39 definitions of riscv.h.
#include "kernel/types.h"
#include "kernel/riscv.h"
#include "kernel/mm/vm.h"
#include "kernel/mm/vmprint.h"

// Append s; returns the end.
static char *put_str(char *out, const char *s)
{
  while (*s != '\0')
    *out++ = *s++;
  return out;
}

// Append x as %p prints it: 0x and 16 hex digits.
static char *put_hex(char *out, uint64 x)
{
  out = put_str(out, "0x");
  for (int shift = 60; shift >= 0; shift -= 4)
    *out++ = "0123456789abcdef"[(x >> shift) & 0xf];
  return out;
}

// Print the valid entries of table t, which sits on level (2 for the root)
// and maps the addresses from base on, and the tables below them.
static void print_table(pagetable_t t, int level, uint64 base, void (*emit)(const char *line))
{
  for (uint64 i = 0; i < 512; i++) {
    pte_t pte = t[i];
    if ((pte & PTE_V) == 0)
      continue;
    uint64 va = base + (i << PXSHIFT(level));
    char line[VMPRINT_LINE + 1], *s = line;
    for (int depth = 2; depth >= level; depth--)
      s = put_str(s, " ..");
    s = put_hex(s, va);
    s = put_str(s, ": pte ");
    s = put_hex(s, pte);
    s = put_str(s, " pa ");
    s = put_hex(s, PTE2PA(pte));
    *s = '\0';
    emit(line);
    // A pointer leads to the next level; a leaf (also a superpage's, on
    // level 1) ends the branch.
    if (level > 0 && (pte & PTE_LEAF_BITS) == 0)
      print_table((pagetable_t)PTE2PA(pte), level - 1, va, emit);
  }
}

void vmprint(pagetable_t pt, void (*emit)(const char *line))
{
  char line[VMPRINT_LINE + 1];
  char *s = put_str(line, "page table ");
  s = put_hex(s, (uint64)pt);
  *s = '\0';
  emit(line);
  print_table(pt, 2, 0, emit);
}
