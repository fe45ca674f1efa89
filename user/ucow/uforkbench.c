// uforkbench: user-level fork (ufork) against the kernel's fork, by process
// size (1, 4 and 16 MiB, or the sizes named on the command line): cycles
// for fork+wait with a child that exits at once and with a child that
// writes every page, medians of a few runs, and the ratio ufork / fork.
// On the ucow kernel fork is eager; on the cow lab's kernel it is the
// kernel's copy-on-write, so the two boots give both comparisons.
#include "kernel/types.h"
#include "kernel/riscv.h"
#include "user/user.h"
#include "user/ucow.h"
#include "user/bench.h"

#define REPS 5
#define MIB  (1024 * 1024)
#define NA   (~0UL)

// One fork by either path, the child's job, the wait; NA on any failure.
static uint64 time_once(int user, int touch, char *heap, uint64 len)
{
  uint64 t0 = rdcycle();
  int pid = user ? ufork() : fork();
  if (pid < 0)
    return NA;
  if (pid == 0) {
    if (touch)
      for (uint64 off = 0; off < len; off += PGSIZE)
        heap[off] = 2;
    exit(0);
  }
  int status = -1;
  if (wait(&status) != pid || status != 0)
    return NA;
  return rdcycle() - t0;
}

static uint64 measure(int user, int touch, char *heap, uint64 len)
{
  uint64 v[REPS];
  for (int i = 0; i < REPS; i++)
    if ((v[i] = time_once(user, touch, heap, len)) == NA)
      return NA;
  return median(v, REPS);
}

// printf has no field widths: pad by hand.
static void column(const char *s, int width)
{
  for (int pad = width - (int)strlen(s); pad > 0; pad--)
    printf(" ");
  printf("%s", s);
}

static void ratio(uint64 u, uint64 k)
{
  char buf[24];
  if (u == NA || k == NA || k == 0) {
    column("-", 10);
    return;
  }
  int hundredths = (int)(u * 100 / k), n = 0;
  char digits[16];
  do
    digits[n++] = (char)('0' + hundredths % 10);
  while ((hundredths /= 10) > 0 || n < 3);
  int j = 0;
  while (n > 0) {
    buf[j++] = digits[--n];
    if (n == 2)
      buf[j++] = '.';
  }
  buf[j] = 0;
  column(buf, 10);
}

int main(int argc, char *argv[])
{
  int sizes[8] = {1, 4, 16}, n = 3;
  if (argc > 1) {
    n = 0;
    for (int i = 1; i < argc && n < 8; i++)
      sizes[n++] = atoi(argv[i]);
  }
  // The fault handler's exception stack and scratch page come from sbrk:
  // take them now, below the heaps that are grown and shrunk again.
  int pid = ufork();
  if (pid == 0)
    exit(0);
  if (pid < 0 || wait(0) != pid) {
    printf("uforkbench: ufork failed\n");
    exit(1);
  }
  printf("uforkbench: cycles, ufork / fork (median of %d)\n", REPS);
  printf("   MiB      exit     touch\n");
  for (int s = 0; s < n; s++) {
    uint64 len = (uint64)sizes[s] * MIB;
    char *heap = sbrk((int)len);
    char mib[12];
    int m = sizes[s], k = 0;
    do
      mib[k++] = (char)('0' + m % 10);
    while ((m /= 10) > 0);
    char name[12];
    for (int i = 0; i < k; i++)
      name[i] = mib[k - 1 - i];
    name[k] = 0;
    column(name, 6);
    if (heap == (char *)-1) {
      printf("  cannot grow\n");
      continue;
    }
    for (uint64 off = 0; off < len; off += PGSIZE)
      heap[off] = 1;
    ratio(measure(1, 0, heap, len), measure(0, 0, heap, len));
    ratio(measure(1, 1, heap, len), measure(0, 1, heap, len));
    printf("\n");
    sbrk(-(int)len);
  }
  exit(0);
}
