// Kernel main, entered in supervisor mode on every hart by start(). Hart 0
// brings the machine up in dependency order; the others wait for it, then
// each hart turns on its own paging, traps and interrupts, and schedules.
#include "kernel/types.h"
#include "kernel/param.h"
#include "kernel/memlayout.h"
#include "rvlab_config.h"
#include "kernel/arch/arch.h"
#include "kernel/lib/printf.h"
#include "kernel/mm/kalloc.h"
#include "kernel/mm/vm.h"
#include "kernel/proc/proc.h"
#include "kernel/fs/buf.h"
#include "kernel/fs/inode.h"
#include "kernel/fs/file.h"
#include "kernel/dev/console.h"
#include "kernel/dev/plic.h"
#include "kernel/dev/virtio_disk.h"

void main(void);

// Set by hart 0 once shared kernel state is ready for the other harts.
static volatile int kernel_ready;

// The end of the RAM the kernel may use: what the build configured, never
// past PHYSTOP, which the kernel page table maps up to.
static uint64 ram_top(void)
{
  uint64 top = KERNBASE + (uint64)RVLAB_RAM_MIB * 1024 * 1024;
  return top < (uint64)PHYSTOP ? top : (uint64)PHYSTOP;
}

// Everything shared, in dependency order: the console first so that later
// panics can be seen, memory before anything that allocates, and the first
// process last.
static void boot_hart0(void)
{
  consoleinit();
  printfinit();
  printf("rvlab: booting (configured for %d harts, %d MiB of RAM)\n", RVLAB_CPUS, RVLAB_RAM_MIB);
  kalloc_init(end, (void *)ram_top());
  kvminit();
  kvminithart();
  procinit();
  trapinit();
  trapinithart();
  plicinit();
  plicinithart();
  binit();
  iinit();
  fileinit();
  virtio_disk_init();
  userinit();
}

void main(void)
{
  if (cpuid() == 0) {
    boot_hart0();
    // Publish everything hart 0 wrote before the other harts read it.
    __sync_synchronize();
    kernel_ready = 1;
  } else {
    while (!kernel_ready)
      ;
    __sync_synchronize();
    kvminithart();
    trapinithart();
    plicinithart();
  }
  scheduler();
}
