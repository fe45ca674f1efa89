// Tests of the syscall lab's sysinfo(struct sysinfo *): free memory falls by
// what sbrk takes and comes back when sbrk returns it, agrees with the
// allocator's own count (kstat), the process count rises by one for a
// child, and a bad pointer is -1. Prints "sysinfotest: OK" (tagged) when
// every test passed, and "sysinfotest: FAIL ..." for the first that did not.
#include "kernel/types.h"
#include "kernel/riscv.h"
#include "kernel/kstat.h"
#include "kernel/sysinfo.h"
#include "user/user.h"
#include "user/tag.h"

enum { GROW_PAGES = 64 };

static void fail(const char *what)
{
  printf("sysinfotest: FAIL %s\n", what);
  exit(1);
}

static struct sysinfo info_now(void)
{
  struct sysinfo info;

  if (sysinfo(&info) < 0)
    fail("sysinfo of a good pointer returned -1");
  return info;
}

// Free memory is whole pages, and agrees with kstat's count of free pages
// (a few pages may change hands between the two calls on another hart).
static void test_freemem_matches_allocator(void)
{
  struct sysinfo info = info_now();
  struct kstat ks;

  if (info.freemem == 0 || info.freemem % PGSIZE != 0)
    fail("freemem is not a positive number of whole pages");
  if (kstat(&ks) < 0)
    fail("kstat failed");
  uint64 pages = info.freemem / PGSIZE;
  if (pages + 16 < ks.pages_free || ks.pages_free + 16 < pages)
    fail("freemem differs from the allocator's free pages");
}

// sbrk of GROW_PAGES pages takes at least that many pages of free memory
// (and a few more for page tables at most); giving them back returns them.
static void test_freemem_follows_sbrk(void)
{
  uint64 before = info_now().freemem;

  if (sbrk(GROW_PAGES * PGSIZE) == (char *)-1)
    fail("sbrk failed");
  uint64 grown = info_now().freemem;
  if (grown + GROW_PAGES * PGSIZE > before)
    fail("freemem did not fall by what sbrk took");
  if (before - grown > (GROW_PAGES + 8) * PGSIZE)
    fail("freemem fell by much more than sbrk took");
  if (sbrk(-GROW_PAGES * PGSIZE) == (char *)-1)
    fail("sbrk of a negative size failed");
  uint64 after = info_now().freemem;
  if (after + 8 * PGSIZE < before)
    fail("freemem did not come back after sbrk gave the pages back");
}

// A child waiting on a pipe counts as one more process; after wait, it
// no longer does.
static void test_nproc_counts_a_child(void)
{
  int fds[2];
  char c;

  uint64 before = info_now().nproc;
  if (before < 3)
    fail("nproc counts fewer than init, sh and this test");
  if (pipe(fds) < 0)
    fail("pipe failed");
  int pid = fork();
  if (pid < 0)
    fail("fork failed");
  if (pid == 0) {
    close(fds[1]);
    read(fds[0], &c, 1);
    exit(0);
  }
  close(fds[0]);
  uint64 with_child = info_now().nproc;
  close(fds[1]);
  wait(0);
  uint64 after = info_now().nproc;
  if (with_child != before + 1)
    fail("nproc did not count the child");
  if (after != before)
    fail("nproc still counts the child after wait");
}

// Addresses the process does not own, or cannot write, give -1.
static void test_bad_pointers(void)
{
  if (sysinfo((struct sysinfo *)0xeaeb0b5b00002f5eULL) != -1)
    fail("sysinfo of a wild pointer did not return -1");
  if (sysinfo((struct sysinfo *)(MAXVA - 8)) != -1)
    fail("sysinfo of the top of the address space did not return -1");
  uint64 top = (uint64)sbrk(0);
  if (sysinfo((struct sysinfo *)(top - 8)) != -1)
    fail("sysinfo across the end of memory did not return -1");
}

int main(void)
{
  test_freemem_matches_allocator();
  test_freemem_follows_sbrk();
  test_nproc_counts_a_child();
  test_bad_pointers();
  tag_line("sysinfotest: ", "OK", (char *)0);
  exit(0);
}
