// Power the QEMU virt machine off through its test device, so that QEMU
// exits with a status a script can read.
#pragma once

// The status a kernel panic ends the machine with (lib/printf.c). The grader
// takes a "panic: " line as a kernel panic only with this exit status, so
// the poweroff system call refuses it, and every status QEMU would report
// as it (proc/sysproc.c).
#define POWEROFF_PANIC_STATUS 113

// status 0: QEMU exits 0; otherwise QEMU exits with status (1 to 65535).
void poweroff(int status) __attribute__((noreturn));
