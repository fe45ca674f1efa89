// Power the QEMU virt machine off through its test device, so that QEMU
// exits with a status a script can read.
#pragma once

// status 0: QEMU exits 0; otherwise QEMU exits with status (1 to 65535).
void poweroff(int status) __attribute__((noreturn));
