/* Starting QEMU for one grading run: the machine of `ninja qemu` on a
 * private copy of the file-system image, its console on a pseudo-terminal,
 * in a session and process group of its own so that it can be killed whole. */
#pragma once

#include <stddef.h>
#include <sys/types.h>

#include "grader/machine.h" /* struct qemu_config */

/* Refuse, before anything boots, a kernel that is not a file QEMU can boot
 * as ours: a readable RISC-V 64-bit ELF (magic, ELFCLASS64, EM_RISCV). 0, or
 * -1 with the reason in err. */
int qemu_check_kernel(const char *path, char *err, size_t errlen);

/* Refuse an image that is not a readable regular file. 0 or -1. */
int qemu_check_image(const char *path, char *err, size_t errlen);

/* Copy the image so a run may write to it while others run beside it. */
int qemu_copy_image(const char *from, const char *to, char *err, size_t errlen);

/* Start QEMU on `image`; its stderr goes to `stderr_path`. Returns the pid
 * (which is also its process-group id) and the non-blocking pty master, or
 * -1 with a message when QEMU could not even be executed. */
pid_t qemu_start(const struct qemu_config *cfg, const char *image, const char *stderr_path,
                 int *master, char *err, size_t errlen);

/* SIGKILL QEMU's whole process group, then reap QEMU (not yet reaped).
 * Returns its wait status. */
int qemu_kill(pid_t pid);

/* After QEMU was reaped: kill and reap anything left behind in its group.
 * The id cannot have been reused while such processes hold it. */
void qemu_kill_leftovers(pid_t pgid);
