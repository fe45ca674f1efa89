// forkbench: fork latency by process size. For 1, 4, 16 and 64 MiB (or the
// sizes named on the command line) it times fork+wait (the child exits at
// once), fork+exec and fork with the child writing every page, in cycles
// (rdcycle, median of a few runs), and reads the pages copied per fork+exec
// from the kernel's counters (kstat, kernel/kstat.h).
#include "kernel/types.h"
#include "kernel/riscv.h"
#include "kernel/kstat.h"
#include "user/user.h"
#include "user/bench.h"

#define REPS 5      // runs per measurement; the median is reported
#define NA   (~0UL) // a cell that could not be measured
#define MIB  (1024 * 1024)

#define MAXSIZES 16
#define MAXMIB   120 // a 128 MiB machine cannot hold a bigger process

static const int default_sizes[] = {1, 4, 16, 64};

static const char *self; // this program, exec'd by the fork+exec runs
static int missing;      // whether some cell printed as "-"

// What a child does after fork in one kind of run.
enum child_job { CHILD_EXIT, CHILD_EXEC, CHILD_TOUCH };

// Write one byte into every page of [heap, heap + len).
static void touch(char *heap, uint64 len)
{
  for (uint64 off = 0; off < len; off += PGSIZE)
    heap[off] = 1;
}

// Cycles for one fork, the child's job, and the wait; NA if the fork failed
// or the child did not exit with 0 (for example it ran out of memory).
static uint64 time_once(enum child_job job, char *heap, uint64 len)
{
  uint64 t0 = rdcycle();
  int pid = fork();
  if (pid < 0)
    return NA;
  if (pid == 0) {
    if (job == CHILD_EXEC) {
      char *argv[] = {(char *)self, "-x", 0};
      exec(self, argv);
      exit(1);
    }
    if (job == CHILD_TOUCH)
      touch(heap, len);
    exit(0);
  }
  int status = -1;
  wait(&status);
  uint64 t1 = rdcycle();
  return status == 0 ? t1 - t0 : NA;
}

// The median cycles of REPS runs of job, or NA if any run failed.
static uint64 time_job(enum child_job job, char *heap, uint64 len)
{
  uint64 t[REPS];
  for (int i = 0; i < REPS; i++) {
    t[i] = time_once(job, heap, len);
    if (t[i] == NA)
      return NA;
  }
  return median(t, REPS);
}

// One row of the table: the process is grown to size bytes first.
struct row {
  uint64 fork_wait, fork_exec, fork_touch, copied_exec;
};

static struct row measure(char *heap, uint64 len, uint64 size)
{
  struct row r;
  r.fork_wait = time_job(CHILD_EXIT, heap, len);

  struct kstat before = bench_kstat("forkbench");
  r.fork_exec = time_job(CHILD_EXEC, heap, len);
  struct kstat after = bench_kstat("forkbench");
  // Rounded to the nearest page per fork+exec.
  r.copied_exec = (after.cow_copied - before.cow_copied + REPS / 2) / REPS;
  if (r.fork_exec == NA)
    r.copied_exec = NA;

  // A child writing every page needs a second copy of the whole process
  // (plus page tables); without room for it the child would be killed.
  uint64 need = size / PGSIZE + size / (2 * MIB) + 64;
  if (bench_kstat("forkbench").pages_free < need)
    r.fork_touch = NA;
  else
    r.fork_touch = time_job(CHILD_TOUCH, heap, len);
  return r;
}

// Print v right-aligned in width columns, or "-" for NA.
static void cell(uint64 v, int width)
{
  char buf[24];
  int n = 0;
  if (v == NA) {
    buf[n++] = '-';
    missing = 1;
  } else {
    do {
      buf[n++] = '0' + v % 10;
      v /= 10;
    } while (v > 0);
  }
  for (int i = n; i < width; i++)
    printf(" ");
  while (n > 0)
    printf("%c", buf[--n]);
}

static void print_row(int mib, struct row *r, int tsv)
{
  if (tsv) {
    printf("%d", mib);
    uint64 v[] = {r->fork_wait, r->fork_exec, r->fork_touch, r->copied_exec};
    for (int i = 0; i < 4; i++) {
      printf("\t");
      if (v[i] == NA)
        printf("-");
      else
        printf("%ld", v[i]);
    }
    printf("\n");
    return;
  }
  cell(mib, 8);
  cell(r->fork_wait, 13);
  cell(r->fork_exec, 13);
  cell(r->fork_touch, 13);
  cell(r->copied_exec, 13);
  printf("\n");
}

static void print_header(int tsv)
{
  if (tsv) {
    printf("size_mib\tfork_wait\tfork_exec\tfork_touch\tcopied_exec\n");
    return;
  }
  printf("forkbench: cycles per operation (rdcycle), median of %d runs\n", REPS);
  printf("size_MiB    fork+wait    fork+exec   fork+touch  copied/exec\n");
}

static void print_notes(void)
{
  printf("copied/exec: pages copied on copy-on-write faults per fork+exec (kstat); an\n");
  printf("eager kernel copies every page inside fork and takes no such faults.\n");
  if (missing)
    printf("-: not measured: fork failed or the child could not get the memory for a\n"
           "   copy of the process (128 MiB machines hold one 64 MiB copy, not two).\n");
}

static void usage(void)
{
  fprintf(2, "usage: forkbench [-t] [MiB ...]   (sizes 1 to %d; default 1 4 16 64)\n", MAXMIB);
  exit(1);
}

// A size argument: a decimal number of MiB in [1, MAXMIB], or 0 if it is not one.
static int parse_mib(const char *s)
{
  int n = 0;
  for (const char *p = s; *p; p++) {
    if (*p < '0' || *p > '9' || n > MAXMIB)
      return 0;
    n = n * 10 + (*p - '0');
  }
  return n <= MAXMIB ? n : 0;
}

int main(int argc, char *argv[])
{
  // The fork+exec runs exec this program with -x; it exits at once.
  if (argc > 1 && strcmp(argv[1], "-x") == 0)
    exit(0);
  self = argv[0];
  int arg = 1;
  int tsv = argc > arg && strcmp(argv[arg], "-t") == 0;
  arg += tsv;

  int sizes[MAXSIZES], nsizes = 0;
  for (; arg < argc; arg++) {
    int mib = parse_mib(argv[arg]);
    if (mib == 0 || nsizes == MAXSIZES)
      usage();
    sizes[nsizes++] = mib;
  }
  if (nsizes == 0) {
    for (int i = 0; i < (int)(sizeof default_sizes / sizeof default_sizes[0]); i++)
      sizes[nsizes++] = default_sizes[i];
  }

  char *heap = sbrk(0);
  uint64 base = (uint64)heap;
  print_header(tsv);
  for (int i = 0; i < nsizes; i++) {
    uint64 size = (uint64)sizes[i] * MIB;
    // Grow, or shrink back for a smaller size after a bigger one.
    uint64 now = (uint64)sbrk(0);
    int delta = size >= now ? (int)(size - now) : -(int)(now - size);
    if (size <= base || sbrk(delta) == (char *)-1) {
      fprintf(2, "forkbench: cannot make the process %d MiB\n", sizes[i]);
      exit(1);
    }
    struct row r = measure(heap, size - base, size);
    print_row(sizes[i], &r, tsv);
  }
  if (!tsv)
    print_notes();
  exit(0);
}
