/* The QEMU command line of the one machine (grader/machine.h). */
#include "grader/machine.h"

#include <stdio.h>

void machine_defaults(struct qemu_config *cfg)
{
  cfg->qemu = MACHINE_QEMU;
  cfg->memory = MACHINE_MEMORY;
  cfg->cpus = MACHINE_CPUS;
}

void machine_argv(const struct qemu_config *cfg, const char *image, struct machine_argv *out)
{
  snprintf(out->mem, sizeof out->mem, "%s", cfg->memory);
  snprintf(out->smp, sizeof out->smp, "%d", cfg->cpus);
  snprintf(out->drive, sizeof out->drive, "file=%s,if=none,format=raw,id=x0", image);
  /* virtio-mmio.force-legacy=false: the kernel drives the modern (version 2)
   * virtio-mmio interface, which QEMU gives only when asked. */
  char *const argv[] = {(char *)cfg->qemu,
                        "-machine",
                        "virt",
                        "-bios",
                        "none",
                        "-m",
                        out->mem,
                        "-smp",
                        out->smp,
                        "-nographic",
                        "-global",
                        "virtio-mmio.force-legacy=false",
                        "-kernel",
                        (char *)cfg->kernel,
                        "-drive",
                        out->drive,
                        "-device",
                        "virtio-blk-device,drive=x0,bus=virtio-mmio-bus.0",
                        NULL};
  size_t n = sizeof argv / sizeof argv[0];
  for (size_t i = 0; i < n; i++)
    out->argv[i] = argv[i];
  if (cfg->cpu) {
    out->argv[n - 1] = "-cpu";
    out->argv[n] = (char *)cfg->cpu;
    out->argv[n + 1] = NULL;
  }
}
