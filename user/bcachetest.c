// bcachetest: the lock lab's buffer-cache tests, after MIT 6.1810's. test0:
// processes read their own files at once, and the bcache locks must see
// fewer than 500 failed test-and-sets. test1: processes write, read back and
// check files of their own at once, more blocks than the cache holds. test2:
// processes append to files of their own at the same moment, each time just
// after the cache was emptied, so that they miss together on the bitmap
// block they share: a block with two buffers loses a write, and two files
// get one block (or the kernel frees one twice). Verdict lines are tagged
// (user/tag.h).
#include "kernel/types.h"
#include "kernel/fs.h"
#include "kernel/fcntl.h"
#include "user/user.h"
#include "user/tag.h"
#include "user/locktest.h"

enum {
  NCHILD0 = 3,      // test0's readers
  NBLOCK0 = 6,      // blocks in each reader's file: all of them fit in the cache
  START0 = 2,       // test0's readers start this many ticks after the parent says so
  TICKS0 = 5,       // and read their files over and over for this many ticks
  MAX_SPINS0 = 500, // test0 passes under this many failed test-and-sets
  NCHILD1 = 4,      // test1's writers
  NBLOCK1 = 20,     // blocks per file, past the direct blocks: 80 in all
  ROUNDS1 = 3,      // files each writer writes and checks
  NCHILD2 = 3,      // test2's appenders
  NROUND2 = 10,     // blocks each appends, one a round: direct blocks only
  TICKS2 = 3,       // ticks a round: the cache is emptied, then they append
  NBLOCK2 = 40,     // blocks in the file that empties the cache: more than 30
};

static char block[BSIZE];

// The byte at offset i of block b of a file in version v, for writer w.
static char pattern(int w, int v, int b, int i)
{
  return (char)(w * 71 + v * 37 + b * 13 + i);
}

// Write nblock blocks of version v (writer w) to path; 0 or -1.
static int write_file(const char *path, int w, int v, int nblock)
{
  int fd = open(path, O_CREATE | O_RDWR | O_TRUNC);
  if (fd < 0)
    return -1;
  for (int b = 0; b < nblock; b++) {
    for (int i = 0; i < BSIZE; i++)
      block[i] = pattern(w, v, b, i);
    if (write(fd, block, BSIZE) != BSIZE) {
      close(fd);
      return -1;
    }
  }
  close(fd);
  return 0;
}

// Read path and check every byte against version v of writer w, or only
// read it if check is 0; the first difference is printed. 0 or -1.
static int read_file(const char *path, int w, int v, int nblock, int check)
{
  int fd = open(path, O_RDONLY);
  if (fd < 0) {
    printf("bcachetest: cannot open %s\n", path);
    return -1;
  }
  for (int b = 0; b < nblock; b++) {
    int n = read(fd, block, BSIZE);
    if (n != BSIZE) {
      printf("bcachetest: %s: block %d: read returned %d\n", path, b, n);
      close(fd);
      return -1;
    }
    for (int i = 0; check && i < BSIZE; i++) {
      if (block[i] != pattern(w, v, b, i)) {
        printf("bcachetest: %s: block %d, byte %d is %d, version %d has %d\n", path, b, i, block[i],
               v, pattern(w, v, b, i));
        close(fd);
        return -1;
      }
    }
  }
  int n = read(fd, block, 1);
  close(fd);
  if (n != 0) {
    printf("bcachetest: %s: longer than %d blocks\n", path, nblock);
    return -1;
  }
  return 0;
}

static void name(char *path, char c, int i)
{
  path[0] = c;
  path[1] = '0' + i;
  path[2] = 0;
}

// A test0 reader, in directory dir with its file f open, between the pipe
// up (to the parent) and down (from it). It reads and checks its file once,
// which also brings every block it will read into the cache, says it is
// ready ('r') and waits for the start tick. From that tick on, as the other
// readers do, it reads its file over and over for TICKS0 ticks, says it is
// done ('d'), and waits for the parent to close down before it exits, so
// that no fork or exit (kmem locks) falls in the parent's count. It says 'x'
// instead if anything fails.
static void reader0(int i, const char *dir, int up, int down)
{
  int start;
  if (chdir(dir) < 0 || open("f", O_RDONLY) < 0 || read_file("f", i, 0, NBLOCK0, 1) < 0) {
    write(up, "x", 1);
    exit(1);
  }
  write(up, "r", 1);
  if (read(down, &start, sizeof(start)) != sizeof(start))
    exit(1);
  while (uptime() < start)
    ;
  while (uptime() < start + TICKS0) {
    if (read_file("f", i, 0, NBLOCK0, 0) < 0) {
      write(up, "x", 1);
      exit(1);
    }
  }
  write(up, "d", 1);
  char c;
  read(down, &c, 1);
  exit(0);
}

// Read one byte from each of n readers: 1 if every one sent want.
static int hear_all(int fd, int n, char want)
{
  int ok = 1;
  for (int i = 0; i < n; i++) {
    char c = 0;
    if (read(fd, &c, 1) != 1 || c != want)
      ok = 0;
  }
  return ok;
}

// Each reader works in a directory of its own and keeps its file open, so
// that its rounds touch only blocks of its own: its directory's, its file's
// (a second open finds the inode in the inode table, without reading the
// inode block the readers' inodes share). What remains shared is the cache.
// The readers start on one tick, which busy readers keep every hart awake
// for: a reader forked onto a sleeping hart's queue would otherwise wait for
// that hart's next tick, and readers that take turns never meet in a lock.
static void test0(void)
{
  char dir[NCHILD0][3];
  int up[2], down[2], starts[NCHILD0];
  printf("start test0\n");
  for (int i = 0; i < NCHILD0; i++) {
    name(dir[i], 'a', i);
    if (mkdir(dir[i]) < 0 || chdir(dir[i]) < 0 || write_file("f", i, 0, NBLOCK0) < 0 ||
        chdir("..") < 0) {
      printf("test0: cannot write %s/f\n", dir[i]);
      exit(1);
    }
  }
  if (pipe(up) < 0 || pipe(down) < 0) {
    printf("test0: no pipe\n");
    exit(1);
  }
  for (int i = 0; i < NCHILD0; i++) {
    int pid = fork();
    if (pid == 0) {
      close(up[0]);
      close(down[1]);
      reader0(i, dir[i], up[1], down[0]);
    }
    if (pid < 0) {
      printf("test0: fork failed\n");
      exit(1);
    }
  }
  close(up[1]);
  close(down[0]);
  int ok = hear_all(up[0], NCHILD0, 'r');
  int before = locktest_spins("bcachetest", 0);
  // Two ticks ahead: every hart takes at least one tick in between, at
  // which an idle hart picks up a waiting reader.
  int start = uptime() + START0;
  for (int i = 0; i < NCHILD0; i++)
    starts[i] = start;
  if (ok)
    write(down[1], starts, sizeof(starts));
  ok = ok && hear_all(up[0], NCHILD0, 'd');
  printf("test0 results:\n");
  int spins = locktest_spins("bcachetest", 1) - before;
  printf("test0: %d failed test-and-sets on kmem and bcache locks (fewer than %d passes)\n", spins,
         MAX_SPINS0);
  close(down[1]);
  close(up[0]);
  ok = locktest_wait(NCHILD0) && ok;
  for (int i = 0; i < NCHILD0; i++) {
    chdir(dir[i]);
    unlink("f");
    chdir("..");
    unlink(dir[i]);
  }
  tag_line(ok && spins < MAX_SPINS0 ? "test0: OK" : "test0: FAIL", (char *)0);
}

static void test1(void)
{
  char path[3];
  printf("start test1\n");
  for (int i = 0; i < NCHILD1; i++) {
    int pid = fork();
    if (pid == 0) {
      name(path, 's', i);
      for (int v = 0; v < ROUNDS1; v++) {
        if (write_file(path, i, v, NBLOCK1) < 0) {
          printf("test1: writer %d cannot write %s\n", i, path);
          exit(1);
        }
        if (read_file(path, i, v, NBLOCK1, 1) < 0)
          exit(1);
      }
      exit(unlink(path) == 0 ? 0 : 1);
    }
  }
  tag_line(locktest_wait(NCHILD1) ? "test1 OK" : "test1 FAIL", (char *)0);
}

// Read the big file through: more blocks than the cache holds, so no block
// read before stays cached, the bitmap block the appenders share among them.
static int evict_all(void)
{
  int fd = open("big", O_RDONLY);
  if (fd < 0)
    return -1;
  while (read(fd, block, BSIZE) == BSIZE)
    ;
  close(fd);
  return 0;
}

// A test2 appender: from tick start on, round after round, one tick after
// appender 0 has emptied the cache, every appender adds a block to its own
// file at the same moment. Each append allocates a block, and the first of
// them in a round misses on the bitmap block they all share: a cache that
// gives that block two buffers lets two appenders take the same free block
// (each sees it free in its own copy), and one file then holds the other's
// bytes. Once the cache is emptied again, each checks its file from disk.
static int appender(int w, int start)
{
  char path[3];
  name(path, 'g', w);
  int fd = open(path, O_RDWR);
  if (fd < 0)
    return -1;
  for (int r = 0; r < NROUND2; r++) {
    if (w == 0) {
      while (uptime() < start + TICKS2 * r)
        ;
      if (evict_all() < 0)
        return -1;
    }
    for (int i = 0; i < BSIZE; i++)
      block[i] = pattern(w, 0, r, i);
    while (uptime() < start + TICKS2 * r + TICKS2 - 1)
      ;
    if (write(fd, block, BSIZE) != BSIZE) {
      close(fd);
      return -1;
    }
  }
  close(fd);
  if (w == 0) {
    while (uptime() < start + TICKS2 * NROUND2)
      ;
    if (evict_all() < 0)
      return -1;
  }
  while (uptime() < start + TICKS2 * NROUND2 + 1)
    ;
  return read_file(path, w, 0, NROUND2, 1);
}

// The appenders busy-wait for their ticks, so every hart is awake and busy
// and each append begins within microseconds of the others. The window of
// a cache that does not look again for the block it missed on is a few
// microseconds wide: in 20 boots this test caught such a cache (norecheck.c)
// in 4, each as a block freed twice, and never failed a correct one.
static void test2(void)
{
  char path[3];
  printf("start test2\n");
  for (int w = 0; w < NCHILD2; w++) {
    name(path, 'g', w);
    if (write_file(path, w, 0, 0) < 0) {
      printf("test2: cannot create %s\n", path);
      exit(1);
    }
  }
  if (write_file("big", 9, 0, NBLOCK2) < 0) {
    printf("test2: cannot write the big file\n");
    exit(1);
  }
  int start = uptime() + 2;
  for (int w = 0; w < NCHILD2; w++)
    if (fork() == 0)
      exit(appender(w, start) == 0 ? 0 : 1);
  int ok = locktest_wait(NCHILD2);
  for (int w = 0; w < NCHILD2; w++) {
    name(path, 'g', w);
    unlink(path);
  }
  unlink("big");
  tag_line(ok ? "test2 OK" : "test2 FAIL", (char *)0);
}

// With no arguments every test runs, in order; else the ones named.
int main(int argc, char **argv)
{
  static const struct locktest tests[] = {{"test0", test0}, {"test1", test1}, {"test2", test2}};
  locktest_main("bcachetest", tests, sizeof(tests) / sizeof(tests[0]), argc, argv);
}
