// superbench: what superpages change, by heap size. For 8, 32 and 64 MiB
// (or the sizes in MiB named on the command line) it grows the heap with one
// sbrk and stores a byte into every page, then forks a child that exits at
// once and waits for it, and prints one tab-separated row per size:
//
//   MiB  sbrk+touch cycles  fork+wait cycles  leaf PTEs  page-table pages  superpages
//
// Cycles are rdcycle's (the median of a few runs, user/bench.h). The counts
// say what the TLB faces: the leaf PTEs that map the heap (distinct PTEs that
// pgpte sees over its pages: each is one TLB entry to cover it), and the
// page-table pages and superpages the kernel allocated to grow it (kstat).
#include "kernel/types.h"
#include "kernel/riscv.h"
#include "kernel/kstat.h"
#include "user/user.h"
#include "user/bench.h"

#define REPS 3 // runs per size; the median is reported
#define MIB  (1024 * 1024)

static const int default_sizes[] = {8, 32, 64};

struct run {
  uint64 grow;       // cycles for sbrk and the stores
  uint64 fork;       // cycles for fork and wait
  uint64 leaves;     // distinct leaf PTEs over the heap
  uint64 ptpages;    // page-table pages allocated by the grow
  uint64 superpages; // superpages allocated by the grow
};

// Distinct leaf PTEs over [heap, heap + len): a run of equal PTEs is one
// superpage, a change of PTE a new leaf.
static uint64 count_leaves(char *heap, uint64 len)
{
  uint64 n = 0, last = 0;
  for (uint64 off = 0; off < len; off += PGSIZE) {
    uint64 pte = pgpte(heap + off);
    if (pte != last)
      n++;
    last = pte;
  }
  return n;
}

// One run at len bytes: grow, touch, count, fork. 0, or -1 if memory ran
// out. The caller is a fresh child, so every run builds its page table anew.
static int measure(uint64 len, struct run *r)
{
  struct kstat before = bench_kstat("superbench");
  uint64 t0 = rdcycle();
  char *heap = sbrk((int)len);
  if (heap == (char *)-1)
    return -1;
  for (uint64 off = 0; off < len; off += PGSIZE)
    heap[off] = 1;
  r->grow = rdcycle() - t0;
  struct kstat after = bench_kstat("superbench");
  r->ptpages = after.ptpages_allocated - before.ptpages_allocated;
  r->superpages = after.superpages_allocated - before.superpages_allocated;
  r->leaves = count_leaves(heap, len);

  t0 = rdcycle();
  int pid = fork();
  if (pid == 0)
    exit(0);
  int status = -1;
  if (pid > 0)
    wait(&status);
  r->fork = rdcycle() - t0;
  return pid > 0 && status == 0 ? 0 : -1;
}

// measure() in a child of its own, which reports through a pipe. 0 or -1.
static int run_once(uint64 len, struct run *r)
{
  int fds[2];
  if (pipe(fds) < 0)
    return -1;
  int pid = fork();
  if (pid == 0) {
    close(fds[0]);
    int ok = measure(len, r) == 0;
    if (ok)
      write(fds[1], r, sizeof(*r));
    exit(ok ? 0 : 1);
  }
  close(fds[1]);
  int got = pid > 0 && read(fds[0], r, sizeof(*r)) == sizeof(*r);
  close(fds[0]);
  if (pid > 0)
    wait(0);
  return got ? 0 : -1;
}

static void bench(int mib)
{
  uint64 grow[REPS], fork[REPS];
  struct run r;
  for (int i = 0; i < REPS; i++) {
    if (run_once((uint64)mib * MIB, &r) != 0) {
      printf("%d\t-\t-\t-\t-\t-\n", mib);
      return;
    }
    grow[i] = r.grow;
    fork[i] = r.fork;
  }
  printf("%d\t%ld\t%ld\t%ld\t%ld\t%ld\n", mib, median(grow, REPS), median(fork, REPS), r.leaves,
         r.ptpages, r.superpages);
}

int main(int argc, char **argv)
{
  printf("MiB\tsbrk+touch\tfork+wait\tleaf PTEs\tpt pages\tsuperpages\n");
  if (argc > 1) {
    for (int i = 1; i < argc; i++)
      bench(atoi(argv[i]));
  } else {
    for (unsigned i = 0; i < sizeof(default_sizes) / sizeof(default_sizes[0]); i++)
      bench(default_sizes[i]);
  }
  exit(0);
}
