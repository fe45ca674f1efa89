// Copy-on-write fork in the user library, checked from outside: ufork of a
// process bigger than half of memory (only sharing can), each side's
// stores private to it, three generations sharing pages, read() into a COW
// buffer, and parent and child isolated after ufork. Prints NAME: ok or
// NAME: FAILED, then ALL UCOW TESTS PASSED.
//
// The kernel of this lab does no copy-on-write: a system call that writes
// into a COW page (read() into a buffer the child has not written yet)
// fails. The programs here store to such buffers first (ufault_touch), and
// file checks that it is so.
#include "kernel/types.h"
#include "kernel/riscv.h"
#include "kernel/fcntl.h"
#include "kernel/kstat.h"
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

static int pages_free(void)
{
  struct kstat ks;
  return kstat(&ks) < 0 ? -1 : (int)ks.pages_free;
}

// Page i of the numbered heap holds i, or tag if i % 3 == mine.
static int numbered_ok(int *heap, int n, int mine, int tag)
{
  for (int i = 0; i < n; i++) {
    int want = i % 3 == mine ? tag : i;
    if (heap[i * (PGSIZE / sizeof(int))] != want)
      return 0;
  }
  return 1;
}

// Parent, child and grandchild share a numbered heap. Each in turn (the
// grandchild first, then the child, then the parent) writes its tag into
// its third of the pages; each must see its own tags and the numbers
// elsewhere, and once all have exited and the heap is gone, every page
// is free again.
static void three(void)
{
  int n = 1024;
  // Grown and shrunk once first, so the page-table pages the heap needs
  // are counted in the "before" (a shrink keeps them).
  if (sbrk(n * PGSIZE) == (char *)-1) {
    result("three", 0);
    return;
  }
  sbrk(-n * PGSIZE);
  int before = pages_free();
  int *heap = (int *)sbrk(n * PGSIZE);
  for (int i = 0; i < n; i++)
    heap[i * (PGSIZE / sizeof(int))] = i;
  int child = ufork();
  if (child == 0) {
    int grandchild = ufork();
    if (grandchild < 0)
      exit(3);
    int me = grandchild == 0 ? 2 : 1;
    if (grandchild > 0 && !child_ok(grandchild))
      exit(4);
    for (int i = me; i < n; i += 3)
      heap[i * (PGSIZE / sizeof(int))] = -me;
    exit(numbered_ok(heap, n, me, -me) ? 0 : 1);
  }
  int ok = child_ok(child);
  for (int i = 0; i < n; i += 3)
    heap[i * (PGSIZE / sizeof(int))] = -9;
  ok &= numbered_ok(heap, n, 0, -9);
  sbrk(-n * PGSIZE);
  // wait frees a child's pages before it returns, so all are back now.
  int after = pages_free();
  if (after != before)
    printf("three: %d pages free before, %d after\n", before, after);
  result("three", ok && before > 0 && after == before);
}

// A byte buffer on its own pages, filled with c; 0 if sbrk fails.
static char *grow_filled(int pages, char c)
{
  char *p = sbrk(pages * PGSIZE);
  if (p == (char *)-1)
    return 0;
  memset(p, c, pages * PGSIZE);
  return p;
}

static int filled_ok(const char *p, int from, int to, char c)
{
  for (int i = from; i < to; i++)
    if (p[i] != c)
      return 0;
  return 1;
}

static const char file_path[] = "ucowfile";
static const char file_data[] = "abcd";

// read() from a file into 4 bytes of a COW buffer that straddle a page
// boundary, in the child: without ufault_touch it is -1 and changes
// nothing; touched first, it reads the file. The parent's copy stays 'p'.
static void file_child(char *buf)
{
  int off = PGSIZE - 2;
  int fd = open(file_path, O_RDONLY);
  if (fd < 0)
    exit(2);
  if (read(fd, buf + off, 4) != -1 || !filled_ok(buf, 0, 2 * PGSIZE, 'p'))
    exit(3);
  close(fd);
  ufault_touch(buf + off, 4);
  if ((fd = open(file_path, O_RDONLY)) < 0)
    exit(4);
  if (read(fd, buf + off, 4) != 4 || memcmp(buf + off, file_data, 4) != 0)
    exit(5);
  close(fd);
  exit(filled_ok(buf, 0, off, 'p') && filled_ok(buf, off + 4, 2 * PGSIZE, 'p') ? 0 : 6);
}

static void file(void)
{
  char *buf = grow_filled(2, 'p');
  int fd = open(file_path, O_CREATE | O_TRUNC | O_WRONLY);
  if (buf == 0 || fd < 0 || write(fd, file_data, 4) != 4) {
    result("file", 0);
    return;
  }
  close(fd);
  int pid = ufork();
  if (pid == 0)
    file_child(buf);
  int ok = child_ok(pid) && filled_ok(buf, 0, 2 * PGSIZE, 'p');
  unlink(file_path);
  sbrk(-2 * PGSIZE);
  result("file", ok);
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
    ufault_touch(byte, 1); // our own copy of the page before read() writes it
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
  three();
  file();
  simple();
  if (!failed)
    printf("ALL UCOW TESTS PASSED\n");
  exit(failed);
}
