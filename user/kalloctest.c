// kalloctest: the lock lab's allocator tests, after MIT 6.1810's. test1: two
// processes each sbrk a page and give it back 100,000 times at once, and the
// kmem locks must see fewer than 10 failed test-and-sets. test2: one process
// takes all of free memory and gives it back, round after round, and gets the
// same number of pages every time, all the kernel counts free. test3: three
// processes grow and shrink at once, writing and checking every page, and no
// page is lost. Verdict lines are tagged (user/tag.h).
#include "kernel/types.h"
#include "kernel/riscv.h"
#include "kernel/kstat.h"
#include "user/user.h"
#include "user/tag.h"
#include "user/locktest.h"

enum {
  NCHILD1 = 2,     // test1's processes
  N1 = 100000,     // test1's rounds per process
  MAX_SPINS1 = 10, // test1 passes under this many failed test-and-sets
  ROUNDS2 = 10,    // test2's rounds
  NCHILD3 = 3,     // test3's processes
  ROUNDS3 = 300,   // test3's rounds per process
  MAXPAGES3 = 64,  // test3 grows by up to this many pages a round
};

static int free_pages(void)
{
  struct kstat ks;
  if (kstat(&ks) < 0)
    return -1;
  return (int)ks.pages_free;
}

static void test1(void)
{
  printf("start test1\n");
  int before = locktest_spins("kalloctest", 0);
  for (int i = 0; i < NCHILD1; i++) {
    int pid = fork();
    if (pid < 0) {
      printf("test1: fork failed\n");
      exit(1);
    }
    if (pid == 0) {
      for (int j = 0; j < N1; j++) {
        char *a = sbrk(PGSIZE);
        if (a == (char *)-1) {
          printf("test1: sbrk failed in round %d\n", j);
          exit(1);
        }
        *(int *)(a + 4) = 1;
        if (sbrk(-PGSIZE) == (char *)-1) {
          printf("test1: sbrk(-4096) failed in round %d\n", j);
          exit(1);
        }
      }
      exit(0);
    }
  }
  int ok = locktest_wait(NCHILD1);
  printf("test1 results:\n");
  int spins = locktest_spins("kalloctest", 1) - before;
  printf("test1: %d failed test-and-sets on kmem and bcache locks (fewer than %d passes)\n", spins,
         MAX_SPINS1);
  tag_line(ok && spins < MAX_SPINS1 ? "test1 OK" : "test1 FAIL", (char *)0);
}

// Pages this process can still get: sbrk in big steps, then page by page,
// until sbrk fails, writing each step; then give it all back.
static int count_free(void)
{
  int n = 0;
  for (int step = 64; step >= 1; step /= 8) {
    for (;;) {
      char *a = sbrk(step * PGSIZE);
      if (a == (char *)-1)
        break;
      for (int i = 0; i < step; i++)
        a[i * PGSIZE] = 1;
      n += step;
    }
  }
  if (sbrk(-n * PGSIZE) == (char *)-1)
    return -1;
  return n;
}

// Page tables take a few pages besides the ones counted: one table page per
// 512 pages, and the two levels above.
static int tables_for(int pages)
{
  return pages / 512 + 3;
}

static void test2(void)
{
  printf("start test2\n");
  int pid = fork();
  if (pid == 0) {
    int first = -1;
    for (int r = 0; r < ROUNDS2; r++) {
      int kernel_free = free_pages();
      int n = count_free();
      if (n < kernel_free - tables_for(kernel_free)) {
        printf("test2: round %d got %d pages, but the kernel had %d free\n", r, n, kernel_free);
        exit(1);
      }
      if (first >= 0 && n != first) {
        printf("test2: round %d got %d pages, round 0 got %d: losing pages\n", r, n, first);
        exit(1);
      }
      first = n;
    }
    exit(0);
  }
  int ok = pid > 0 && locktest_wait(1);
  tag_line(ok ? "test2 OK" : "test2 FAIL", (char *)0);
}

// Grow by a varying number of pages, fill each with its own value, check
// them all, shrink back.
static int grow_and_check(int seed)
{
  uint x = seed * 2654435761u + 1;
  for (int r = 0; r < ROUNDS3; r++) {
    x = x * 1103515245 + 12345;
    int n = 1 + (x >> 16) % MAXPAGES3;
    char *a = sbrk(n * PGSIZE);
    if (a == (char *)-1)
      continue; // the others hold the memory for now
    for (int i = 0; i < n; i++)
      *(int *)(a + i * PGSIZE + 8) = seed * 1000000 + r * 100 + i;
    for (int i = 0; i < n; i++) {
      if (*(int *)(a + i * PGSIZE + 8) != seed * 1000000 + r * 100 + i) {
        printf("test3: process %d, round %d: page %d changed under it\n", seed, r, i);
        return -1;
      }
    }
    if (sbrk(-n * PGSIZE) == (char *)-1)
      return -1;
  }
  return 0;
}

static void test3(void)
{
  printf("start test3\n");
  int before = free_pages();
  for (int i = 0; i < NCHILD3; i++) {
    int pid = fork();
    if (pid == 0)
      exit(grow_and_check(i + 1) == 0 ? 0 : 1);
    if (pid < 0) {
      printf("test3: fork failed\n");
      exit(1);
    }
  }
  int ok = locktest_wait(NCHILD3);
  // An exited child's last pages go back as its parent reaps it; wait has
  // returned for all of them, so the count is whole now.
  int after = free_pages();
  if (after != before) {
    printf("test3: %d pages free before, %d after: pages lost\n", before, after);
    ok = 0;
  }
  tag_line(ok ? "test3 OK" : "test3 FAIL", (char *)0);
}

// With no arguments every test runs, in order; else the ones named.
int main(int argc, char **argv)
{
  static const struct locktest tests[] = {{"test1", test1}, {"test2", test2}, {"test3", test3}};
  locktest_main("kalloctest", tests, sizeof(tests) / sizeof(tests[0]), argc, argv);
}
