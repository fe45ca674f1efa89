// init: the first user process. It gives the console to fds 0, 1 and 2, then
// keeps a shell running forever, and reaps the orphans the kernel reparents
// to it. Relies on the console device node (major 1) and /sh in the image.
// Its "init: starting sh" line is tagged (user/tag.h) when the image holds a
// grading key: the grader's boot check knows from it that init really ran.
#include "kernel/types.h"
#include "kernel/stat.h"
#include "kernel/fcntl.h"
#include "user/user.h"
#include "user/tag.h"

// Major device number of the console in the kernel's device table
// (CONSOLE in kernel/fs/file.h, which is not a user header).
#define CONSOLE_MAJOR 1

// Exit status of a child that could not exec the shell, so init can tell
// that apart from a shell that ran and exited.
#define EXEC_FAILED 127

static char *sh_argv[] = {"sh", 0};

// Makes fds 0, 1 and 2 the console, creating the device node on first boot.
static void open_console(void)
{
  int fd = open("console", O_RDWR);

  if (fd < 0) {
    if (mknod("console", CONSOLE_MAJOR, 0) < 0)
      exit(1); // No console, so nowhere to report the error either.
    fd = open("console", O_RDWR);
    if (fd < 0)
      exit(1);
  }
  if (fd != 0 || dup(0) != 1 || dup(0) != 2)
    exit(1);
}

// Starts one shell; returns its pid, or -1 if fork failed.
static int start_shell(void)
{
  int pid;

  tag_line("init: starting sh", (char *)0);
  pid = fork();
  if (pid == 0) {
    exec("sh", sh_argv);
    fprintf(2, "init: exec sh failed\n");
    exit(EXEC_FAILED);
  }
  if (pid < 0)
    fprintf(2, "init: fork failed\n");
  return pid;
}

// Waits until the shell pid exits, reaping any orphan that exits meanwhile.
// Returns the shell's exit status.
static int wait_for_shell(int sh_pid)
{
  for (;;) {
    int status;
    int pid = wait(&status);
    if (pid == sh_pid)
      return status;
    if (pid < 0) {
      // Cannot happen while the shell is our child; avoid spinning if it does.
      fprintf(2, "init: wait failed\n");
      pause(10);
    }
  }
}

int main(void)
{
  open_console();
  for (;;) {
    int sh_pid = start_shell();
    if (sh_pid < 0 || wait_for_shell(sh_pid) == EXEC_FAILED) {
      fprintf(2, "init: retrying in a second\n");
      pause(10);
    }
  }
}
