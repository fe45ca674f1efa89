// Kernel main, entered in supervisor mode on every hart by start(). Hart 0
// brings the machine up in dependency order; the others wait for it, then
// each hart turns on its own paging, traps and interrupts, and schedules.
#include "kernel/types.h"
#include "kernel/param.h"
#include "kernel/memlayout.h"
#include "rvlab_config.h"
#include "kernel/arch/arch.h"
#include "kernel/arch/timer.h"
#include "kernel/lib/printf.h"
#include "kernel/lib/fdt.h"
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

// Largest device tree read, and the smallest and largest RAM the kernel
// takes from it (meson_options.txt's memory option has the same range).
#define DTB_MAX_BYTES (1024 * 1024)
#define RAM_MIN       (32UL << 20)
#define RAM_MAX       (1024UL << 20)

// The end of RAM: as the device tree QEMU passed says, so that the page
// bookkeeping sizes itself from the machine, or what the build configured
// if the tree says nothing usable. RAM must start at KERNBASE, where the
// kernel is linked. PHYSTOP (memlayout.h) is only the default machine's end.
static uint64 ram_top(void)
{
  uint64 base, size;
  if (fdt_memory((void *)boot_dtb, DTB_MAX_BYTES, &base, &size) == 0 && base == KERNBASE &&
      size >= RAM_MIN)
    return KERNBASE + (size < RAM_MAX ? size : RAM_MAX);
  return KERNBASE + (uint64)RVLAB_RAM_MIB * 1024 * 1024;
}

// Everything shared, in dependency order: the console first so that later
// panics can be seen, memory before anything that allocates, and the first
// process last.
static void boot_hart0(void)
{
  consoleinit();
  printfinit();
  uint64 top = ram_top();
  printf("rvlab: booting (%d harts configured, %d MiB of RAM, timer: %s)\n", RVLAB_CPUS,
         (int)((top - KERNBASE) >> 20), timer_kind());
  kalloc_init(end, (void *)top);
  kvminit(top);
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
    boot_wait(&kernel_ready);
    __sync_synchronize();
    kvminithart();
    trapinithart();
    plicinithart();
  }
  scheduler();
}
