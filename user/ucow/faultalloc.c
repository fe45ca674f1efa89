// The handler maps the faulting page and writes a string at the address;
// the second string crosses into an unmapped page, so the handler faults
// inside itself and the nested fault is handled on the same stack.
#include "kernel/types.h"
#include "kernel/riscv.h"
#include "user/user.h"
#include "user/ucow.h"
#include "user/ucow/ucowtest.h"

static void put(char *dst, const char *s)
{
  while (*s)
    *dst++ = *s++;
  *dst = 0;
}

static void handler(struct ufault_frame *f)
{
  printf("fault %p\n", (void *)f->va);
  if (page_alloc(0, PGROUNDDOWN(f->va), PTE_R | PTE_W) < 0) {
    printf("faultalloc: page_alloc(%p) failed\n", (void *)f->va);
    exit(1);
  }
  // Hex digits by hand: printf has no way to write into memory.
  char msg[64];
  put(msg, "this string was faulted in at 0x");
  char *d = msg + strlen(msg);
  for (int shift = 28; shift >= 0; shift -= 4)
    *d++ = "0123456789abcdef"[(f->va >> shift) & 0xf];
  *d = 0;
  put((char *)f->va, msg);
}

int main(void)
{
  ucow_region();
  if (set_fault_handler(handler) < 0) {
    printf("faultalloc: set_fault_handler failed\n");
    exit(1);
  }
  printf("%s\n", (char *)(UCOW_BASE + 0xeef));
  printf("%s\n", (char *)(UCOW_BASE + 2 * PGSIZE - 2));
  exit(0);
}
