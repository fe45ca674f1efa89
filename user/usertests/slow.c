// usertests, the slow set: big directories, many writers, and running out of
// memory, disk blocks and inodes. Each cleans up fully, so the quick tests
// and the final memory check see the system as it was.
#include "user/usertests/usertests.h"

static char block[BSIZE];

// A directory with hundreds of entries: every name is found, then removed.
void t_bigdir(void)
{
  enum { N = 500 };
  char name[24];
  if (mkdir("bigdir") != 0)
    ut_fail("mkdir failed");
  close(ut_create("bigdir/target"));
  for (int i = 0; i < N; i++) {
    ut_numname(name, "bigdir/e", i);
    if (link("bigdir/target", name) != 0)
      ut_fail("link number %d failed", i);
  }
  for (int i = 0; i < N; i++) {
    ut_numname(name, "bigdir/e", i);
    int fd = open(name, O_RDONLY);
    if (fd < 0)
      ut_fail("%s is missing", name);
    close(fd);
    if (unlink(name) != 0)
      ut_fail("unlink(%s) failed", name);
  }
  if (unlink("bigdir/target") != 0 || unlink("bigdir") != 0)
    ut_fail("removing the emptied directory failed");
}

// Four processes each writing, checking and deleting a multi-block file many
// times: the log and the block allocator keep up with all of them.
void t_manywrites(void)
{
  enum { NPROCS = 4, ROUNDS = 30, BLOCKS = 12 };
  char name[16];
  for (int p = 0; p < NPROCS; p++) {
    if (ut_fork() == 0) {
      ut_numname(name, "manywrites", p);
      for (int round = 0; round < ROUNDS; round++) {
        int fd = ut_create(name);
        memset(block, 'a' + p, sizeof(block));
        for (int b = 0; b < BLOCKS; b++)
          ut_write(fd, block, BSIZE);
        close(fd);
        fd = open(name, O_RDONLY);
        for (int b = 0; b < BLOCKS; b++)
          if (read(fd, block, BSIZE) != BSIZE || block[BSIZE - 1] != 'a' + p)
            ut_fail("%s round %d: block %d reads back wrong", name, round, b);
        close(fd);
        if (unlink(name) != 0)
          ut_fail("unlink(%s) failed", name);
      }
      exit(0);
    }
  }
  for (int p = 0; p < NPROCS; p++)
    if (ut_wait() != 0)
      ut_fail("a writer failed");
}

// Thousands of writes from a bad pointer fail, and use up no disk blocks or
// inodes: a good write works afterwards.
void t_badwrite(void)
{
  for (int i = 0; i < 2000; i++) {
    int fd = open("badwrite.f", O_CREATE | O_WRONLY);
    if (fd < 0)
      ut_fail("create number %d failed", i);
    int r = write(fd, (char *)0xffffffffffUL, 1);
    if (r != -1)
      ut_fail("write from 0xffffffffff returned %d, want -1", r);
    close(fd);
    unlink("badwrite.f");
  }
  int fd = ut_create("badwrite.f");
  ut_write(fd, "x", 1);
  close(fd);
  unlink("badwrite.f");
}

// Take all memory but `spare` pages, then exec: it either works (the helper
// exits 0) or fails and this image carries on; either way status 0.
static void exec_with_spare(uint64 spare)
{
  for (int step = 256; step > 0; step /= 4)
    while (sbrk(step * PGSIZE) != (char *)-1)
      ;
  sbrk(-(int)spare * PGSIZE);
  char *argv[] = {"usertests", "-x", "exit", "0", 0};
  exec(ut_self, argv);
  exit(0);
}

// exec running out of memory part-way fails cleanly, whatever the point at
// which memory runs out; the final memory check catches a leak.
void t_execout(void)
{
  for (uint64 spare = 0; spare < 64; spare += 3) {
    int status = ut_child_status(exec_with_spare, spare);
    if (status != 0)
      ut_fail("exec with %d pages to spare: the process exited with %d, want 0", (int)spare,
              status);
  }
}

// Write files of up to MAXFILE blocks in dir until the disk is full; return
// the number of blocks written, and the number of files in *nfiles.
static int fill_disk(int *nfiles)
{
  char name[16];
  int blocks = 0, full = 0, n = 0;
  memset(block, 'd', sizeof(block));
  while (!full && n < 100) {
    ut_numname(name, "fill", n);
    int fd = open(name, O_CREATE | O_WRONLY);
    if (fd < 0)
      break;
    n++;
    int in_file = 0;
    while (in_file < (int)MAXFILE && write(fd, block, BSIZE) == BSIZE)
      in_file++;
    full = in_file < (int)MAXFILE;
    blocks += in_file;
    close(fd);
  }
  *nfiles = n;
  return blocks;
}

static void empty_dir(int nfiles)
{
  char name[16];
  for (int i = 0; i < nfiles; i++) {
    ut_numname(name, "fill", i);
    if (unlink(name) != 0)
      ut_fail("unlink(%s) failed", name);
  }
}

// Filling the disk makes writes fail cleanly, and deleting the files gives
// every block back: a second fill writes exactly as many blocks.
void t_diskfull(void)
{
  int n1, n2;
  if (mkdir("diskfull") != 0 || chdir("diskfull") != 0)
    ut_fail("mkdir or chdir failed");
  int first = fill_disk(&n1);
  if (first == 0)
    ut_fail("not a single block could be written");
  if (mkdir("more") == 0)
    unlink("more");
  empty_dir(n1);
  int second = fill_disk(&n2);
  empty_dir(n2);
  if (second != first)
    ut_fail("the first fill wrote %d blocks, the second %d: blocks leaked", first, second);
  if (chdir("..") != 0 || unlink("diskfull") != 0)
    ut_fail("removing the directory failed");
}

// Create empty files in the cwd until open fails; return how many.
static int fill_inodes(void)
{
  char name[16];
  int n = 0;
  for (; n < 10000; n++) {
    ut_numname(name, "i", n);
    int fd = open(name, O_CREATE | O_RDWR);
    if (fd < 0)
      break;
    close(fd);
  }
  return n;
}

static void remove_inodes(int n)
{
  char name[16];
  for (int i = 0; i < n; i++) {
    ut_numname(name, "i", i);
    if (unlink(name) != 0)
      ut_fail("unlink(%s) failed", name);
  }
}

// Creating files until the inodes run out fails cleanly, and deleting them
// frees every inode: a second round creates exactly as many.
void t_outofinodes(void)
{
  if (mkdir("inodes") != 0 || chdir("inodes") != 0)
    ut_fail("mkdir or chdir failed");
  int first = fill_inodes();
  if (first == 0 || first == 10000)
    ut_fail("created %d files: the inodes never ran out, or none was free", first);
  remove_inodes(first);
  int second = fill_inodes();
  remove_inodes(second);
  if (second != first)
    ut_fail("the first round created %d files, the second %d: inodes leaked", first, second);
  if (chdir("..") != 0 || unlink("inodes") != 0)
    ut_fail("removing the directory failed");
}

// One process making and removing a directory while others create a
// directory and a file inside it, and one more reads it (holding its lock so
// that the others queue up on it): whichever wins, no inode may be lost. A
// create that lands in a directory already unlinked (but still referenced by
// the creator's lookup) orphans the new inode unless the kernel refuses it;
// the loss shows as fewer files creatable afterwards.
static void deaddir_racer(int role)
{
  static char dirbuf[1024];
  for (int i = 0; i < 1000; i++) {
    if (role == 0) {
      mkdir("dd");
      unlink("dd");
    } else if (role == 1) {
      mkdir("dd/sub");
      unlink("dd/sub");
    } else if (role == 2) {
      close(open("dd/f", O_CREATE | O_RDWR));
      unlink("dd/f");
    } else {
      int fd = open("dd", O_RDONLY);
      read(fd, dirbuf, sizeof(dirbuf));
      close(fd);
    }
  }
  exit(0);
}

void t_deaddir(void)
{
  if (mkdir("deaddir") != 0 || chdir("deaddir") != 0)
    ut_fail("mkdir or chdir failed");
  int before = fill_inodes();
  remove_inodes(before);
  for (int role = 0; role < 4; role++)
    if (ut_fork() == 0)
      deaddir_racer(role);
  for (int role = 0; role < 4; role++)
    ut_wait();
  unlink("dd/sub");
  unlink("dd/f");
  unlink("dd");
  int after = fill_inodes();
  remove_inodes(after);
  if (after != before)
    ut_fail("%d files could be created before the race, %d after: inodes lost", before, after);
  if (chdir("..") != 0 || unlink("deaddir") != 0)
    ut_fail("removing the directory failed");
}
