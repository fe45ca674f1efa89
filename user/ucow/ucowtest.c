// Copy-on-write fork in the user library, checked from outside: ufork of a
// process bigger than half of memory (only sharing can), each side's
// stores private to it, and parent and child isolated after ufork. Prints
// NAME: ok or NAME: FAILED, then ALL UCOW TESTS PASSED.
//
// The kernel of this lab does no copy-on-write: a system call that writes
// into a COW page (read() into a buffer the child has not written yet)
// fails. The programs here store to such buffers first.
#include "kernel/types.h"
#include "kernel/riscv.h"
#include "user/user.h"
#include "user/ucow.h"

static int failed;

static void result(const char *name, int ok)
{
  printf("%s: %s\n", name, ok ? "ok" : "FAILED");
  if (!ok)
    failed = 1;
}

static int child_ok(int pid)
{
  int status = -1;
  return pid > 0 && wait(&status) == pid && status == 0;
}

// 80 MiB of 128: eager fork cannot copy it, sharing can.
static void simple(void)
{
  int n = 80 * 1024 * 1024;
  char *p = sbrk(n);
  if (p == (char *)-1) {
    result("simple", 0);
    return;
  }
  for (int i = 0; i < n; i += PGSIZE)
    p[i] = (char)(i / PGSIZE);
  int pid = ufork();
  if (pid == 0) {
    for (int i = 0; i < n; i += PGSIZE * 64)
      if (p[i] != (char)(i / PGSIZE))
        exit(1);
    exit(0);
  }
  int ok = child_ok(pid);
  sbrk(-n);
  result("simple", ok);
}

// Both sides write every page of a region; each sees only its own values.
static void writes(void)
{
  int n = 1024 * 1024;
  char *p = sbrk(n);
  if (p == (char *)-1) {
    result("writes", 0);
    return;
  }
  for (int i = 0; i < n; i += PGSIZE)
    p[i] = 1;
  int pid = ufork();
  char mine = pid == 0 ? 2 : 3;
  for (int i = 0; i < n; i += PGSIZE)
    p[i] = mine;
  int ok = 1;
  for (int i = 0; i < n; i += PGSIZE)
    ok &= p[i] == mine;
  if (pid == 0)
    exit(ok ? 0 : 1);
  ok &= child_ok(pid);
  sbrk(-n);
  result("writes", ok);
}

static volatile int shared_value = 1;
static char byte[8];

// The parent changes a global after ufork; the child, told so through a
// pipe, must still see the old value.
static void isolation(void)
{
  int fds[2];
  if (pipe(fds) < 0) {
    result("isolation", 0);
    return;
  }
  shared_value = 1;
  int pid = ufork();
  if (pid == 0) {
    byte[0] = 0; // our own copy of the page before read() writes it
    close(fds[1]);
    if (read(fds[0], byte, 1) != 1)
      exit(2);
    exit(shared_value == 1 ? 0 : 1);
  }
  shared_value = 2;
  close(fds[0]);
  write(fds[1], "x", 1);
  close(fds[1]);
  int ok = child_ok(pid) && shared_value == 2;
  result("isolation", ok);
}

int main(void)
{
  isolation();
  writes();
  simple();
  if (!failed)
    printf("ALL UCOW TESTS PASSED\n");
  exit(failed);
}
