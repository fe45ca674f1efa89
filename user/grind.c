// grind: a stress test. Several processes make random system calls with
// random arguments (bad pointers, huge sizes, closed descriptors) inside a
// scratch directory that is removed afterwards. The kernel must not panic
// or deadlock. Relies on the xv6 calls and the time CSR for -t.
#include "kernel/types.h"
#include "kernel/stat.h"
#include "kernel/param.h"
#include "kernel/riscv.h"
#include "kernel/memlayout.h"
#include "kernel/fcntl.h"
#include "kernel/fs.h"
#include "user/user.h"

#define TIMER_HZ 10000000UL // the virt machine's time CSR counts at 10 MHz
#define BUFSZ    (64 * 1024)
#define NPIPES   NOFILE

// Names the workers share, so their calls race on the same files. None
// leads out of the scratch directory.
static const char *names[] = {
    "f0", "f1", "f2", "d0", "d1", "d0/f0", "d1/f3", "d0/d2", ".", "", "abcdefghijklmnopqrstu"};
#define NNAMES ((int)(sizeof(names) / sizeof(names[0])))

enum fdkind { FD_FILE, FD_PIPE_R, FD_PIPE_W };

// One open descriptor of a worker, and what it is.
struct gfd {
  int fd;
  enum fdkind kind;
  int pipe; // index into pending[] for pipe ends
};

// A worker's state; each worker is its own process, so nothing is shared.
struct worker {
  uint64 rng;
  char *buf;              // BUFSZ bytes at the end of the heap as first laid out
  int extra;              // pages sbrk'd above buf by the sbrk call
  struct gfd fds[NOFILE]; // descriptors this worker opened itself
  int nfds;
  int pending[NPIPES]; // bytes known to sit in each pipe; -1: slot free
  long calls, refused, odd;
  int report_fd; // write end of the pipe the parent counts workers by
};

static uint64 rnd(struct worker *w)
{
  w->rng ^= w->rng >> 12;
  w->rng ^= w->rng << 25;
  w->rng ^= w->rng >> 27;
  return w->rng * 2685821657736338717UL;
}

static int pick(struct worker *w, int n)
{
  return (int)(rnd(w) % (uint64)n);
}

// A pointer argument: mostly into the worker's buffer, sometimes one no
// system call may use (kernel, trampoline, past MAXVA, past the break, and
// text when the kernel is to write into it), sometimes one that runs off the
// end of the buffer's memory. *bad says which.
static char *any_ptr(struct worker *w, int *bad, int kernel_writes)
{
  static const uint64 kernelish[] = {KERNBASE, PHYSTOP - 16, TRAPFRAME, TRAMPOLINE, MAXVA, ~0UL, 0};
  int r = pick(w, 10);
  *bad = 1;
  if (r == 0) {
    uint64 a = kernelish[pick(w, sizeof(kernelish) / sizeof(kernelish[0]))];
    *bad = a != 0 || kernel_writes;
    return (char *)a;
  }
  if (r == 1)
    return (char *)PGROUNDUP((uint64)sbrk(0)) + PGSIZE * pick(w, 100);
  *bad = 0;
  if (r == 2)
    return w->buf + BUFSZ - 1 - pick(w, 64); // valid start, may run past the break
  return w->buf + pick(w, BUFSZ / 2);
}

static int any_size(struct worker *w)
{
  static const int sizes[] = {0, 1, 7, 100, 512, 1000, 4096, 5000, 20000, 0x7fffffff, -1};
  return sizes[pick(w, sizeof(sizes) / sizeof(sizes[0]))];
}

// A descriptor of ours, or one that is certainly not open here.
static struct gfd *any_fd(struct worker *w, int *fd)
{
  if (w->nfds > 0 && pick(w, 4) != 0) {
    struct gfd *g = &w->fds[pick(w, w->nfds)];
    *fd = g->fd;
    return g;
  }
  static const int closed[] = {-1, NOFILE, 1000, -100000};
  *fd = closed[pick(w, 4)];
  return 0;
}

static void remember_fd(struct worker *w, int fd, enum fdkind kind, int pipe)
{
  if (fd < 0)
    return;
  if (w->nfds == NOFILE) {
    close(fd);
    return;
  }
  w->fds[w->nfds++] = (struct gfd){fd, kind, pipe};
}

// Close one of ours; a pipe slot is free again once no end of it is left.
static void forget_fd(struct worker *w, struct gfd *g)
{
  close(g->fd);
  int pipe = g->kind == FD_FILE ? -1 : g->pipe;
  *g = w->fds[--w->nfds];
  for (int i = 0; i < w->nfds; i++)
    if (w->fds[i].kind != FD_FILE && w->fds[i].pipe == pipe)
      return;
  if (pipe >= 0)
    w->pending[pipe] = -1;
}

// A call given a bad pointer succeeded: count it, and say which for the
// first few so that a replay with the seed knows where to look.
static long note(struct worker *w, const char *call, int bad, long r, long ok_if_bad)
{
  if (bad && r >= ok_if_bad && w->odd++ < 3)
    printf("grind: pid %d: %s accepted a bad pointer and returned %d\n", getpid(), call, (int)r);
  return r;
}

// A path that must be refused: a bad pointer, or a string of 'x' running
// off the end of memory. Never the buffer's random bytes, which could spell
// a path out of the scratch directory.
static const char *bad_path(struct worker *w)
{
  int bad = 0;
  if (w->extra == 0 && pick(w, 3) == 0) {
    memset(w->buf + BUFSZ - 64, 'x', 64);
    return w->buf + BUFSZ - 1 - pick(w, 64);
  }
  char *p = any_ptr(w, &bad, 0);
  while (!bad)
    p = any_ptr(w, &bad, 0);
  return p;
}

// A path argument: usually one of the shared names, sometimes a bad one.
static const char *any_path(struct worker *w, int *bad)
{
  *bad = pick(w, 8) == 0;
  return *bad ? bad_path(w) : names[pick(w, NNAMES)];
}

static long op_open(struct worker *w)
{
  static const int flags[] = {
      O_RDONLY,         O_WRONLY, O_RDWR, O_CREATE | O_RDWR, O_CREATE | O_WRONLY | O_TRUNC,
      O_RDWR | O_TRUNC, 0x7fff,   -1};
  int bad;
  const char *path = any_path(w, &bad);
  int fd = open(path, flags[pick(w, 8)]);
  remember_fd(w, fd, FD_FILE, 0);
  return note(w, "open", bad, fd, 0);
}

static long op_close(struct worker *w)
{
  int fd;
  struct gfd *g = any_fd(w, &fd);
  if (g) {
    forget_fd(w, g);
    return 0;
  }
  return note(w, "close of a closed fd", 1, close(fd), 0);
}

static long op_read(struct worker *w)
{
  int fd, bad;
  struct gfd *g = any_fd(w, &fd);
  char *p = any_ptr(w, &bad, 1);
  int n = any_size(w);
  if (g && g->kind == FD_PIPE_R) {
    // Only from a pipe known to hold data (else read blocks), and into good
    // memory (a failed copy may lose a byte and spoil the count).
    if (w->pending[g->pipe] <= 0)
      return 0;
    long r = read(fd, w->buf + pick(w, BUFSZ / 2), n);
    if (r > 0)
      w->pending[g->pipe] -= r;
    return r;
  }
  return note(w, "read", bad, read(fd, p, n), 1);
}

static long op_write(struct worker *w)
{
  int fd, bad;
  struct gfd *g = any_fd(w, &fd);
  char *p = any_ptr(w, &bad, 0);
  int n = any_size(w);
  if (g && g->kind == FD_PIPE_W) {
    // Never more than the pipe can hold, so the write cannot block.
    int room = 400 - w->pending[g->pipe];
    if (room <= 0)
      return 0;
    long r = write(fd, p, 1 + pick(w, room));
    if (r > 0)
      w->pending[g->pipe] += r;
    return note(w, "write to a pipe", bad, r, 1);
  }
  if ((n > 5000 || n < 0) && pick(w, 20) != 0)
    n = 5000; // keep files small most of the time
  return note(w, "write", bad, write(fd, p, n), 1);
}

static long op_dup(struct worker *w)
{
  int fd;
  struct gfd *g = any_fd(w, &fd);
  int nfd = dup(fd);
  if (g)
    remember_fd(w, nfd, g->kind, g->pipe);
  else if (nfd >= 0)
    close(nfd);
  return note(w, "dup of a closed fd", g == 0, nfd, 0);
}

static long op_pipe(struct worker *w)
{
  int bad, fds[2];
  char *p = any_ptr(w, &bad, 1);
  if (bad)
    return note(w, "pipe", 1, pipe((int *)p), 0);
  if (pipe(fds) < 0)
    return -1;
  int slot = 0;
  while (slot < NPIPES && w->pending[slot] >= 0)
    slot++;
  if (slot == NPIPES || w->nfds > NOFILE - 2) {
    close(fds[0]);
    close(fds[1]);
    return 0;
  }
  w->pending[slot] = 0;
  remember_fd(w, fds[0], FD_PIPE_R, slot);
  remember_fd(w, fds[1], FD_PIPE_W, slot);
  return 0;
}

static long op_fstat(struct worker *w)
{
  int fd, bad;
  any_fd(w, &fd);
  char *p = any_ptr(w, &bad, 1);
  return note(w, "fstat", bad, fstat(fd, (struct stat *)p), 0);
}

static long op_namespace(struct worker *w)
{
  int bad1, bad2;
  const char *a = any_path(w, &bad1), *b = any_path(w, &bad2);
  switch (pick(w, 4)) {
  case 0:
    return note(w, "link", bad1 || bad2, link(a, b), 0);
  case 1:
    return note(w, "unlink", bad1, unlink(a), 0);
  case 2:
    return note(w, "mkdir", bad1, mkdir(a), 0);
  default: {
    // Never major 1, the console: opening that would read the terminal.
    static const short majors[] = {0, 2, NDEV - 1, NDEV, 1000, -1};
    return note(w, "mknod", bad1, mknod(a, majors[pick(w, 6)], pick(w, 3)), 0);
  }
  }
}

// chdir somewhere inside the scratch directory and straight back out, by a
// relative path that works even if the directory was removed meanwhile.
static long op_chdir(struct worker *w)
{
  static const char *there[] = {"d0", "d1", "d0/d2", ".", "f0"};
  static const char *back[] = {"..", "..", "../..", ".", ".."}; // f0 may be a directory
  int i = pick(w, 6);
  if (i == 5)
    return note(w, "chdir", 1, chdir(bad_path(w)), 0);
  long r = chdir(there[i]);
  if (r == 0 && chdir(back[i]) != 0) {
    printf("grind: cannot chdir back out of %s\n", there[i]);
    exit(1);
  }
  return r;
}

// Grow or shrink the heap above the buffer, or ask for the impossible.
static long op_sbrk(struct worker *w)
{
  int r = pick(w, 4);
  if (r == 0)
    return (long)sbrk(0x7fffffff);
  if (r == 1 && w->extra > 0) {
    long res = (long)sbrk(-w->extra * PGSIZE);
    w->extra = 0;
    return res;
  }
  int n = 1 + pick(w, 32);
  char *p = sbrk(n * PGSIZE);
  if (p == (char *)-1)
    return -1;
  w->extra += n;
  p[pick(w, n * PGSIZE)] = 1;
  return 0;
}

// What a forked child does before it exits: nothing, a failing exec, a
// fault (rarely: the kernel prints a line for each), or some system calls.
static void child_life(struct worker *w)
{
  int r = pick(w, 64), bad;
  if (r == 0)
    *(volatile char *)any_ptr(w, &bad, 1) = 1; // a real bad pointer kills us
  if (r < 16) {
    char *argv[] = {"grind", (char *)any_ptr(w, &bad, 0), 0};
    exec(names[pick(w, NNAMES)], pick(w, 2) ? argv : (char **)any_ptr(w, &bad, 0));
  }
  if (r < 32)
    sbrk(PGSIZE * pick(w, 8));
  exit(pick(w, 4));
}

static long op_fork(struct worker *w)
{
  int pid = fork();
  if (pid < 0)
    return -1;
  if (pid == 0)
    child_life(w);
  int bad = 0;
  int *status = pick(w, 4) ? 0 : (int *)any_ptr(w, &bad, 1);
  long r = wait(status);
  if (r < 0)
    r = wait(0);
  return r;
}

static long op_kill(struct worker *w)
{
  int pid = fork();
  if (pid < 0)
    return -1;
  if (pid == 0) {
    // Wait to be killed. If our worker dies first (under copy-on-write a
    // fault can find memory exhausted), neither hold the report pipe open
    // nor outlive the run by more than a few seconds.
    close(w->report_fd);
    for (int i = 0; i < 300; i++)
      if (pick(w, 2))
        sleep(1);
    exit(0);
  }
  if (pick(w, 2))
    sleep(1);
  int status = 0;
  if (kill(pid) != 0 || wait(&status) != pid || status != -1) {
    printf("grind: killing child %d did not give status -1 (got %d)\n", pid, status);
    exit(1);
  }
  return 0;
}

static long op_exec(struct worker *w)
{
  int bad;
  char *argv[] = {"grind", 0};
  const char *path = any_path(w, &bad);
  // None of the shared names is a program: every exec here must fail.
  long r = exec(path, pick(w, 3) ? argv : (char **)any_ptr(w, &bad, 0));
  if (r != -1) {
    printf("grind: exec of %s returned %d\n", bad ? "a bad pointer" : path, (int)r);
    exit(1);
  }
  return r;
}

static long op_misc(struct worker *w)
{
  int bad;
  switch (pick(w, 5)) {
  case 0:
    return getpid();
  case 1:
    return uptime();
  case 2:
    return sleep(pick(w, 2));
  case 3:
    return note(w, "wait", 1, wait((int *)any_ptr(w, &bad, 1)), 0);
  default:
    return kill(-pick(w, 1000) - 1);
  }
}

static long (*const ops[])(struct worker *) = {
    op_open,  op_open,      op_close,     op_read,  op_read, op_write, op_write, op_dup,  op_pipe,
    op_fstat, op_namespace, op_namespace, op_chdir, op_sbrk, op_fork,  op_kill,  op_exec, op_misc,
};
#define NOPS ((int)(sizeof(ops) / sizeof(ops[0])))

// Counts a worker reports to the parent at the end.
struct tally {
  long calls, refused, odd;
};

static void worker(int id, uint64 seed, long iters, uint64 deadline, int report_fd)
{
  static struct worker w;
  w.rng = seed * 0x9e3779b97f4a7c15UL + id + 1;
  w.report_fd = report_fd;
  w.buf = sbrk(BUFSZ);
  if (w.buf == (char *)-1)
    exit(2);
  for (int i = 0; i < BUFSZ; i++)
    w.buf[i] = (char)rnd(&w);
  for (int i = 0; i < NPIPES; i++)
    w.pending[i] = -1;
  for (long i = 0; iters == 0 || i < iters; i++) {
    if (deadline && r_time() > deadline)
      break;
    w.calls++;
    if (ops[pick(&w, NOPS)](&w) < 0)
      w.refused++;
  }
  while (w.nfds > 0)
    forget_fd(&w, &w.fds[0]);
  struct tally t = {w.calls, w.refused, w.odd};
  write(report_fd, &t, sizeof(t));
  exit(0);
}

// Remove everything below the current directory; the scratch tree is only a
// few levels deep. No stat(): it opens the file, which fails for a device
// node with a bad major number, and those must go too.
static void remove_tree(int depth)
{
  struct dirent de;
  char name[DIRSIZ + 1];
  int fd = open(".", O_RDONLY);
  if (fd < 0 || depth > 8)
    return;
  while (read(fd, &de, sizeof(de)) == sizeof(de)) {
    if (de.inum == 0)
      continue;
    memmove(name, de.name, DIRSIZ);
    name[DIRSIZ] = 0;
    if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
      continue;
    if (chdir(name) == 0) {
      remove_tree(depth + 1);
      chdir("..");
    }
    unlink(name);
  }
  close(fd);
}

// Name what is left in the scratch directory when it cannot be removed,
// with bytes that would garble the console shown as '?'.
static void print_leftovers(const char *dir)
{
  struct dirent de;
  char name[DIRSIZ + 1];
  int fd = open(dir, O_RDONLY);
  while (fd >= 0 && read(fd, &de, sizeof(de)) == sizeof(de)) {
    if (de.inum == 0)
      continue;
    for (int i = 0; i <= DIRSIZ; i++)
      name[i] = i == DIRSIZ || de.name[i] == 0
                    ? 0
                    : (de.name[i] < ' ' || de.name[i] > '~' ? '?' : de.name[i]);
    if (strcmp(name, ".") != 0 && strcmp(name, "..") != 0)
      printf("grind: left in %s: \"%s\" (inode %d)\n", dir, name, de.inum);
  }
  close(fd);
}

static void usage(void)
{
  fprintf(2, "usage: grind [-p procs] [-n iterations | -t seconds] [-s seed]\n"
             "  random system calls in procs processes (default 4) for iterations\n"
             "  calls each (default 2000) or for a number of seconds\n");
  exit(2);
}

// Start the workers, wait for them, and sum their reports. Returns the
// number of workers that failed a check of their own (or could not start);
// *killed counts those the kernel killed: under copy-on-write a store can
// fault when another worker's huge sbrk has exhausted memory for a moment,
// and then the kernel kills, as it should, instead of panicking.
static int run_workers(int procs, uint64 seed, long iters, uint64 deadline, struct tally *sum,
                       int *killed)
{
  int fds[2], bad = 0;
  if (pipe(fds) < 0) {
    printf("grind: pipe failed\n");
    exit(1);
  }
  for (int i = 0; i < procs; i++) {
    int pid = fork();
    if (pid == 0) {
      close(fds[0]);
      worker(i, seed, iters, deadline, fds[1]);
    }
    if (pid < 0)
      bad++;
  }
  close(fds[1]);
  struct tally t;
  while (read(fds[0], &t, sizeof(t)) == sizeof(t)) {
    sum->calls += t.calls;
    sum->refused += t.refused;
    sum->odd += t.odd;
  }
  close(fds[0]);
  int status;
  for (int i = 0; i < procs; i++) {
    if (wait(&status) < 0)
      bad++;
    else if (status == -1)
      (*killed)++;
    else if (status != 0)
      bad++;
  }
  return bad;
}

int main(int argc, char **argv)
{
  int procs = 4, seconds = 0;
  long iters = 2000;
  uint64 seed = r_time() ^ (uint64)uptime() << 20;
  for (int i = 1; i < argc; i++) {
    if (i + 1 >= argc)
      usage();
    if (strcmp(argv[i], "-p") == 0)
      procs = atoi(argv[++i]);
    else if (strcmp(argv[i], "-n") == 0)
      iters = atoi(argv[++i]);
    else if (strcmp(argv[i], "-t") == 0)
      seconds = atoi(argv[++i]);
    else if (strcmp(argv[i], "-s") == 0)
      seed = atoi(argv[++i]);
    else
      usage();
  }
  seed %= 1000000000; // small enough to retype
  if (procs < 1 || procs > NPROC / 4)
    usage();
  if (seconds > 0)
    iters = 0;

  char dir[16] = "grind.";
  int pid = getpid(), n = 6;
  for (int d = 100000; d > 0; d /= 10)
    if (pid >= d || n > 6 || d == 1)
      dir[n++] = '0' + pid / d % 10;
  if (mkdir(dir) != 0 || chdir(dir) != 0) {
    printf("grind: cannot make scratch directory %s\n", dir);
    exit(1);
  }
  printf("grind: seed %d, %d processes, %s %d, in %s\n", (int)seed, procs,
         seconds ? "seconds" : "iterations", seconds ? seconds : (int)iters, dir);

  uint64 start = r_time();
  uint64 deadline = seconds ? start + (uint64)seconds * TIMER_HZ : 0;
  struct tally sum = {0, 0, 0};
  int killed = 0;
  int bad = run_workers(procs, seed, iters, deadline, &sum, &killed);
  remove_tree(0);
  chdir("..");
  int removed = unlink(dir) == 0;
  if (!removed)
    print_leftovers(dir);
  int secs = (int)((r_time() - start) / TIMER_HZ);
  int ok = bad == 0 && sum.odd == 0 && removed;
  printf("grind: seed %d: %d calls (%d refused) in %d s, %d bad pointers accepted, "
         "%d workers failed, %d killed by the kernel, scratch %s: %s\n",
         (int)seed, (int)sum.calls, (int)sum.refused, secs, (int)sum.odd, bad, killed,
         removed ? "removed" : "NOT removed", ok ? "OK" : "FAILED");
  exit(ok ? 0 : 1);
}
