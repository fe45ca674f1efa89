// A program written the way the xv6-riscv lab handouts write them: the xv6
// headers in xv6's order, no rvlab extension, compiled with xv6's -Wall
// -Werror. It checks that the ABI (header names, constants, system-call
// semantics) is xv6's and prints "xv6compat: ok" when everything agrees.
#include "kernel/types.h"
#include "kernel/stat.h"
#include "user/user.h"
#include "kernel/fcntl.h"
#include "kernel/param.h"
#include "kernel/fs.h"
#include "kernel/riscv.h"
#include "kernel/memlayout.h"
#include "kernel/syscall.h"

int failures;

void
check(int ok, char *what)
{
  if(!ok){
    printf("xv6compat: FAILED: %s\n", what);
    failures++;
  }
}

// The constants lab code uses to size buffers and walk the file system.
void
constants(void)
{
  check(PGSIZE == 4096 && MAXVA == (1L << 38), "PGSIZE and MAXVA");
  check(BSIZE == 1024 && DIRSIZ == 14 && NDIRECT == 12, "file system sizes");
  check(MAXFILE == NDIRECT + NINDIRECT && FSSIZE == 2000, "MAXFILE and FSSIZE");
  check(sizeof(struct dirent) == 16 && sizeof(struct dinode) == 64, "on-disk structs");
  check(NPROC == 64 && NOFILE == 16 && MAXARG == 32 && MAXPATH == 128, "param.h");
  check(SYS_fork == 1 && SYS_exec == 7 && SYS_close == 21, "system call numbers");
  check(TRAMPOLINE == MAXVA - PGSIZE && TRAPFRAME == TRAMPOLINE - PGSIZE, "memlayout.h");
  check(PHYSTOP == KERNBASE + 128*1024*1024, "PHYSTOP");
  check(PTE_V == 1 && PTE_R == 2 && PTE_W == 4 && PTE_X == 8 && PTE_U == 16, "PTE bits");
}

// fork, exit status through wait, pipes and sbrk, as the labs use them.
void
processes(void)
{
  int fds[2], status, pid;
  char c = 0;

  check(pipe(fds) == 0, "pipe");
  pid = fork();
  if(pid == 0){
    write(fds[1], "x", 1);
    exit(7);
  }
  check(pid > 0, "fork");
  check(read(fds[0], &c, 1) == 1 && c == 'x', "read from pipe");
  check(wait(&status) == pid && status == 7, "exit status through wait");
  close(fds[0]);
  close(fds[1]);

  char *old = sbrk(PGSIZE);
  check(old != (char*)-1, "sbrk grows");
  old[PGSIZE - 1] = 1;
  check(sbrk(-PGSIZE) == old + PGSIZE, "sbrk shrinks and returns the old break");
  check(PGROUNDDOWN(r_sp()) + PGSIZE > r_sp(), "r_sp");
  check(uptime() >= 0 && getpid() > 0, "uptime and getpid");
}

// Files and directories through the xv6 calls and flags.
void
files(void)
{
  struct stat st;
  char buf[8];
  int fd;

  check(mkdir("xv6c") == 0 && chdir("xv6c") == 0, "mkdir and chdir");
  fd = open("f", O_CREATE | O_RDWR);
  check(fd >= 0 && write(fd, "hello", 5) == 5, "create and write");
  check(fstat(fd, &st) == 0 && st.type == T_FILE && st.size == 5, "fstat");
  close(fd);
  check(link("f", "g") == 0 && stat("g", &st) == 0 && st.nlink == 2, "link");
  fd = open("g", O_RDONLY);
  check(fd >= 0 && read(fd, buf, sizeof(buf)) == 5 && memcmp(buf, "hello", 5) == 0, "read back");
  close(fd);
  check(open("f", O_WRONLY | O_TRUNC) >= 0 && stat("f", &st) == 0 && st.size == 0, "O_TRUNC");
  check(unlink("f") == 0 && unlink("g") == 0, "unlink");
  check(chdir("..") == 0 && unlink("xv6c") == 0, "remove the directory");
}

int
main(int argc, char *argv[])
{
  constants();
  processes();
  files();
  if(failures == 0)
    printf("xv6compat: ok\n");
  exit(failures != 0);
}
