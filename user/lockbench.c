// lockbench: the contention each locking scheme leaves, with 1, 2 and 3
// processes busy at once (one per hart when the machine has three). For each
// count it runs an allocator phase (every process sbrks a page and gives it
// back, over and over) and a buffer-cache phase (every process reads a file
// of its own, over and over), and prints, from the lock statistics, the
// acquires and failed test-and-sets (spins) of the kmem and bcache locks in
// each phase and the phase's wall time in ticks (a tenth of a second). The
// processes of a phase start on one tick and are counted from it until the
// last is done.
#include "kernel/types.h"
#include "kernel/riscv.h"
#include "kernel/fs.h"
#include "kernel/fcntl.h"
#include "user/user.h"

enum {
  MAXPROCS = 3,
  ALLOC_ROUNDS = 20000, // sbrk(4096)/sbrk(-4096) per process
  FILE_BLOCKS = 8,      // each process's file
  READ_ROUNDS = 1000,   // times each process reads it
};

static char stats[4096];
static char block[BSIZE];

struct counts {
  uint64 acquires;
  uint64 spins;
};

// 0 if s starts with prefix, as strncmp would say (the user library has none).
static int strncmp_prefix(const char *s, const char *prefix)
{
  for (; *prefix != 0; s++, prefix++)
    if (*s != *prefix)
      return 1;
  return 0;
}

// The number after the first occurrence of key in s, or 0.
static uint64 number_after(const char *s, const char *key)
{
  int n = strlen(key);
  for (; *s != 0 && *s != '\n'; s++) {
    if (strncmp_prefix(s, key) == 0) {
      uint64 v = 0;
      for (s += n; *s >= '0' && *s <= '9'; s++)
        v = v * 10 + (*s - '0');
      return v;
    }
  }
  return 0;
}

// Sum the counts of every lock whose line starts with `lock: <prefix>`, in
// the kmem/bcache part of the statistics (before the top 5).
static struct counts sum(const char *prefix)
{
  struct counts c = {0, 0};
  int n = statistics(stats, sizeof(stats) - 1);
  stats[n > 0 ? n : 0] = 0;
  char line_prefix[32] = "lock: ";
  strcpy(line_prefix + 6, prefix);
  for (char *s = stats; *s != 0;) {
    if (strncmp_prefix(s, "--- top") == 0)
      break;
    if (strncmp_prefix(s, line_prefix) == 0) {
      c.spins += number_after(s, "#test-and-set ");
      c.acquires += number_after(s, "#acquire() ");
    }
    while (*s != 0 && *s != '\n')
      s++;
    if (*s == '\n')
      s++;
  }
  return c;
}

static void alloc_work(void)
{
  for (int i = 0; i < ALLOC_ROUNDS; i++) {
    char *a = sbrk(PGSIZE);
    if (a == (char *)-1)
      exit(1);
    a[0] = 1;
    sbrk(-PGSIZE);
  }
}

static void name(char *path, int i)
{
  path[0] = 'l';
  path[1] = 'b';
  path[2] = '0' + i;
  path[3] = 0;
}

static void read_work(int i)
{
  char path[4];
  name(path, i);
  for (int r = 0; r < READ_ROUNDS; r++) {
    int fd = open(path, O_RDONLY);
    if (fd < 0)
      exit(1);
    while (read(fd, block, BSIZE) == BSIZE)
      ;
    close(fd);
  }
}

// One busy process of a phase: says it is ready on up, busy-waits for the
// start tick the parent sends on down, works, says it is done, and exits
// only when the parent closes down, so that no fork or exit (kmem locks)
// falls between the parent's two counts.
static void busy(const char *prefix, int i, int up, int down)
{
  int start;
  write(up, "r", 1);
  if (read(down, &start, sizeof(start)) != sizeof(start))
    exit(1);
  while (uptime() < start)
    ;
  if (prefix[0] == 'k')
    alloc_work();
  else
    read_work(i);
  write(up, "d", 1);
  char c;
  read(down, &c, 1);
  exit(0);
}

// Run the phase in nprocs processes at once; print its row. They start on
// one tick, two ahead, so that every hart is awake and running one: forked
// one by one onto harts asleep in wfi, which see a runnable process only at
// their next tick, they would take turns and never meet in a lock.
static void phase(const char *what, const char *prefix, int nprocs)
{
  int up[2], down[2], starts[MAXPROCS];
  char c;
  if (pipe(up) < 0 || pipe(down) < 0)
    exit(1);
  for (int i = 0; i < nprocs; i++) {
    int pid = fork();
    if (pid < 0)
      exit(1);
    if (pid == 0) {
      close(up[0]);
      close(down[1]);
      busy(prefix, i, up[1], down[0]);
    }
  }
  close(up[1]);
  close(down[0]);
  for (int i = 0; i < nprocs; i++)
    read(up[0], &c, 1);
  struct counts before = sum(prefix);
  int start = uptime() + 2;
  for (int i = 0; i < nprocs; i++)
    starts[i] = start;
  write(down[1], starts, nprocs * sizeof(int));
  for (int i = 0; i < nprocs; i++)
    read(up[0], &c, 1);
  int ticks = uptime() - start;
  struct counts after = sum(prefix);
  close(down[1]);
  close(up[0]);
  for (int i = 0; i < nprocs; i++)
    wait(0);
  uint64 acq = after.acquires - before.acquires, spins = after.spins - before.spins;
  uint64 per1000 = acq ? spins * 1000 / acq : 0;
  printf("lockbench: %s %d busy: %ld acquires %ld spins %ld per-1000 %d ticks\n", what, nprocs,
         (long)acq, (long)spins, (long)per1000, ticks);
}

int main(void)
{
  char path[4];
  for (int i = 0; i < MAXPROCS; i++) {
    name(path, i);
    int fd = open(path, O_CREATE | O_WRONLY | O_TRUNC);
    for (int b = 0; b < FILE_BLOCKS && fd >= 0; b++)
      write(fd, block, BSIZE);
    close(fd);
  }
  for (int n = 1; n <= MAXPROCS; n++) {
    phase("kmem", "kmem", n);
    phase("bcache", "bcache", n);
  }
  for (int i = 0; i < MAXPROCS; i++) {
    name(path, i);
    unlink(path);
  }
  exit(0);
}
