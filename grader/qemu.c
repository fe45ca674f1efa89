/* QEMU launcher: copies the image, opens a raw pty for the serial console and
 * fork/execs QEMU as leader of a new session with that pty as controlling
 * terminal, so QEMU is hung up even if the grader dies without cleaning up. */
#define _GNU_SOURCE
#include "grader/qemu.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

/* A missing or unreadable file, a directory or a device is refused with a
 * message naming what it was meant to be. */
static int open_regular(const char *path, const char *what, char *err, size_t errlen)
{
  struct stat st;
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    snprintf(err, errlen, "cannot read the %s %s: %s", what, path, strerror(errno));
    return -1;
  }
  if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
    snprintf(err, errlen, "the %s %s is not a regular file", what, path);
    close(fd);
    return -1;
  }
  return fd;
}

int qemu_check_kernel(const char *path, char *err, size_t errlen)
{
  int fd = open_regular(path, "kernel", err, errlen);
  if (fd < 0)
    return -1;
  Elf64_Ehdr h;
  ssize_t n = read(fd, &h, sizeof h);
  close(fd);
  /* QEMU would load anything else as a raw image and jump into it: the run
   * would then look like a kernel that never boots, not like a wrong file. */
  const char *why = NULL;
  if (n < EI_NIDENT || memcmp(h.e_ident, ELFMAG, SELFMAG) != 0)
    why = "is not an ELF file";
  else if (h.e_ident[EI_CLASS] != ELFCLASS64 || n < (ssize_t)sizeof h)
    why = "is not a 64-bit ELF file (ELFCLASS64)";
  else if (h.e_ident[EI_DATA] != ELFDATA2LSB || h.e_machine != EM_RISCV)
    why = "is an ELF file for another machine, not RISC-V (EM_RISCV, 243)";
  if (why) {
    snprintf(err, errlen,
             "the kernel %s %s; give the kernel's ELF, such as "
             "build/kernel/kernel-cow-lock-simulate",
             path, why);
    return -1;
  }
  return 0;
}

int qemu_check_image(const char *path, char *err, size_t errlen)
{
  int fd = open_regular(path, "file-system image", err, errlen);
  if (fd < 0)
    return -1;
  close(fd);
  return 0;
}

int qemu_copy_image(const char *from, const char *to, char *err, size_t errlen)
{
  int in = open(from, O_RDONLY | O_CLOEXEC);
  if (in < 0) {
    snprintf(err, errlen, "cannot read the file-system image %s: %s", from, strerror(errno));
    return -1;
  }
  int out = open(to, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (out < 0) {
    snprintf(err, errlen, "cannot create %s: %s", to, strerror(errno));
    close(in);
    return -1;
  }
  char buf[65536];
  ssize_t n;
  int rc = 0;
  while ((n = read(in, buf, sizeof buf)) > 0)
    if (write(out, buf, (size_t)n) != n)
      break;
  if (n != 0) {
    snprintf(err, errlen, "cannot copy %s to %s: %s", from, to, strerror(errno));
    rc = -1;
  }
  close(in);
  if (close(out) < 0 && rc == 0) {
    snprintf(err, errlen, "cannot write %s: %s", to, strerror(errno));
    rc = -1;
  }
  return rc;
}

/* In the child: become QEMU. Any failure is reported through `report`,
 * a close-on-exec pipe, so the parent can tell "could not exec" apart. */
static void exec_qemu(const struct qemu_config *cfg, const char *image, const char *stderr_path,
                      int slave, int report)
{
  struct machine_argv m;
  machine_argv(cfg, image, &m);
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, NULL);
  signal(SIGPIPE, SIG_DFL);
  int errfd = open(stderr_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (setsid() < 0 || ioctl(slave, TIOCSCTTY, 0) < 0 || errfd < 0 || dup2(slave, 0) < 0 ||
      dup2(slave, 1) < 0 || dup2(errfd, 2) < 0)
    goto fail;
  execvp(cfg->qemu, m.argv);
fail:;
  int e = errno;
  if (write(report, &e, sizeof e) < 0)
    _exit(126);
  _exit(127);
}

static int open_console(int *master, int *slave, char *err, size_t errlen)
{
  struct termios raw;
  memset(&raw, 0, sizeof raw);
  cfmakeraw(&raw);
  if (openpty(master, slave, NULL, &raw, NULL) < 0) {
    snprintf(err, errlen, "openpty: %s", strerror(errno));
    return -1;
  }
  fcntl(*master, F_SETFD, FD_CLOEXEC);
  fcntl(*slave, F_SETFD, FD_CLOEXEC);
  fcntl(*master, F_SETFL, fcntl(*master, F_GETFL) | O_NONBLOCK);
  return 0;
}

pid_t qemu_start(const struct qemu_config *cfg, const char *image, const char *stderr_path,
                 int *master, char *err, size_t errlen)
{
  int slave, report[2];
  /* Anything QEMU leaves behind becomes our child, which we can reap. */
  prctl(PR_SET_CHILD_SUBREAPER, 1);
  if (open_console(master, &slave, err, errlen) < 0)
    return -1;
  if (pipe2(report, O_CLOEXEC) < 0) {
    snprintf(err, errlen, "pipe: %s", strerror(errno));
    close(*master), close(slave);
    return -1;
  }
  pid_t pid = fork();
  if (pid == 0) {
    close(*master);
    close(report[0]);
    exec_qemu(cfg, image, stderr_path, slave, report[1]);
  }
  int e = errno;
  close(slave);
  close(report[1]);
  if (pid < 0) {
    snprintf(err, errlen, "fork: %s", strerror(e));
    close(report[0]), close(*master);
    return -1;
  }
  /* Blocks only until exec succeeds (EOF) or fails (an errno arrives). */
  ssize_t n;
  while ((n = read(report[0], &e, sizeof e)) < 0 && errno == EINTR)
    ;
  close(report[0]);
  if (n > 0) {
    snprintf(err, errlen, "cannot run %s: %s", cfg->qemu, strerror(e));
    qemu_kill(pid);
    close(*master);
    return -1;
  }
  return pid;
}

int qemu_kill(pid_t pid)
{
  int status;
  kill(-pid, SIGKILL);
  kill(pid, SIGKILL);
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR)
      return -1;
  }
  qemu_kill_leftovers(pid);
  return status;
}

void qemu_kill_leftovers(pid_t pgid)
{
  kill(-pgid, SIGKILL);
  /* As a subreaper we inherit QEMU's orphans: reap them so that no zombie
   * keeps the process group alive. ECHILD ends the loop. */
  while (waitpid(-pgid, NULL, 0) > 0 || errno == EINTR)
    ;
}
