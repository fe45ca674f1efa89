// The page-table printer behind kpgtbl() (vmprint.h). It formats numbers
// itself rather than through printf, so that the kernel and a host test see
// the same characters. Relies only on the Sv39 definitions of riscv.h.
//
// STARTER: only the first line is printed. Print one line per valid PTE,
// depth first, as vmprint.h describes (kernel/mm/tests/test_vmprint.c
// checks it on the host: meson test -C build mm_vmprint).
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

void vmprint(pagetable_t pt, void (*emit)(const char *line))
{
  char line[VMPRINT_LINE + 1];
  char *s = put_str(line, "page table ");
  s = put_hex(s, (uint64)pt);
  *s = '\0';
  emit(line);
  // TODO: the entries of the root, and of the tables below its pointers.
}
