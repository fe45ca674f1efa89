// The kernel's page table: devices and RAM mapped one-to-one, plus the
// trampoline and the per-process kernel stacks high up. Built once at boot
// by kvminit; arch/kvmhart.c loads it into satp on each hart.
#include <stddef.h>
#include "kernel/types.h"
#include "kernel/param.h"
#include "kernel/riscv.h"
#include "kernel/memlayout.h"
#include "kernel/lib/printf.h"
#include "kernel/lib/string.h"
#include "kernel/arch/arch.h"
#include "kernel/mm/kalloc.h"
#include "kernel/mm/vm.h"

// Bytes of the PLIC's register window that the kernel touches: priorities,
// pending bits, and the per-hart enable and claim registers (QEMU virt).
#define PLIC_SIZE 0x4000000L

pagetable_t kernel_pagetable;

void kvmmap(pagetable_t kpt, uint64 va, uint64 pa, uint64 size, int perm)
{
  // This runs only while booting: without these mappings there is no kernel.
  if (mappages(kpt, va, size, pa, perm) != 0)
    panic("kvmmap: out of memory");
}

// Map one kernel stack page per process slot at KSTACK(i) (memlayout.h),
// leaving the page below each unmapped so an overflow faults instead of
// corrupting a neighbour. procinit() gives slot i the stack at KSTACK(i).
static void map_kstacks(pagetable_t kpt)
{
  for (int i = 0; i < NPROC; i++) {
    char *pa = kalloc();
    if (pa == NULL)
      panic("kvminit: out of memory for kernel stacks");
    kvmmap(kpt, KSTACK(i), (uint64)pa, PGSIZE, PTE_R | PTE_W);
  }
}

void kvminit(uint64 ram_end)
{
  pagetable_t kpt = kalloc();
  if (kpt == NULL)
    panic("kvminit: out of memory");
  memset(kpt, 0, PGSIZE);

  // Device registers, at their physical addresses.
  kvmmap(kpt, UART0, UART0, PGSIZE, PTE_R | PTE_W);
  kvmmap(kpt, VIRTIO0, VIRTIO0, PGSIZE, PTE_R | PTE_W);
  kvmmap(kpt, PLIC, PLIC, PLIC_SIZE, PTE_R | PTE_W);
  kvmmap(kpt, VIRT_TEST, VIRT_TEST, PGSIZE, PTE_R | PTE_W);

  // Kernel text is executable but not writable. The linker script must put
  // etext on a page boundary, or text and data would share a page.
  if ((uint64)etext % PGSIZE != 0)
    panic("kvminit: etext not page aligned (arch/kernel.ld)");
  kvmmap(kpt, KERNBASE, KERNBASE, (uint64)etext - KERNBASE, PTE_R | PTE_X);
  kvmmap(kpt, (uint64)etext, (uint64)etext, ram_end - (uint64)etext, PTE_R | PTE_W);

  // The trampoline's code lives in kernel text; this second mapping puts it
  // at the same virtual address as in every user page table.
  kvmmap(kpt, TRAMPOLINE, (uint64)trampoline, PGSIZE, PTE_R | PTE_X);

  map_kstacks(kpt);
  kernel_pagetable = kpt;
}
