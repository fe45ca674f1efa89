/* The machine every rvlab kernel runs on, defined once: QEMU's virt board
 * with no firmware, the console on the serial port and the file-system
 * image on a virtio-mmio disk, and the defaults (binary, RAM, harts) used
 * when nobody says otherwise. `ninja qemu`, `ninja qemu-gdb`, the boot
 * test, the grader's programs and tools/console_times.py all take their
 * QEMU command line from here; Meson passes only the configured values. */
#pragma once

#define MACHINE_QEMU   "qemu-system-riscv64"
#define MACHINE_MEMORY "128M" /* as meson_options.txt's memory */
#define MACHINE_CPUS   3      /* as meson_options.txt's cpus */

/* What varies between runs of the one machine. */
struct qemu_config {
  const char *qemu;   /* qemu-system-riscv64, or a stand-in for tests */
  const char *kernel; /* ELF kernel for -kernel */
  const char *fs_image;
  const char *memory; /* as for -m, e.g. "128M" */
  int cpus;
  const char *cpu; /* as for -cpu, e.g. "rv64,sstc=off"; NULL: the board's own */
};

enum { MACHINE_ARGV_MAX = 24 };

/* QEMU's argv for cfg booting `image` (NULL-terminated in argv), with the
 * strings it needs kept beside it. */
struct machine_argv {
  char *argv[MACHINE_ARGV_MAX];
  char mem[64], smp[16], drive[4200];
};

/* Fills cfg with the defaults above. */
void machine_defaults(struct qemu_config *cfg);

/* Writes QEMU's command line for cfg with `image` as its disk into out. */
void machine_argv(const struct qemu_config *cfg, const char *image, struct machine_argv *out);
