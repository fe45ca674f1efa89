// stressfs: several children write their own file at the same time, in
// chunks, then read it back and compare every byte. Exercises the buffer
// cache, the log and the inode and block allocators under concurrency.
#include "kernel/types.h"
#include "kernel/stat.h"
#include "kernel/fcntl.h"
#include "user/user.h"

#define NCHILD 4
#define CHUNK  512
#define NCHUNK 20 // 10 KiB per file: direct and indirect blocks both

// The byte at offset off of child c's file. It depends on the offset, so a
// block written to the wrong place is caught, and on c, so that blocks mixed
// up between files are caught too.
static char expected(int c, int off)
{
  return (char)((off + off / CHUNK + 37 * c) % 251);
}

// "stressPID.C": the pid keeps several stressfs runs at once from sharing
// files; at most 13 characters, so it fits in DIRSIZ.
static void name_for(char *name, int pid, int c)
{
  char digits[12];
  int n = 0;

  strcpy(name, "stress");
  name += strlen(name);
  do {
    digits[n++] = (char)('0' + pid % 10);
    pid /= 10;
  } while (pid > 0 && n < 5);
  while (n > 0)
    *name++ = digits[--n];
  *name++ = '.';
  *name++ = (char)('0' + c);
  *name = '\0';
}

static void write_file(int c, const char *name)
{
  char buf[CHUNK];
  int fd = open(name, O_CREATE | O_TRUNC | O_WRONLY);

  if (fd < 0) {
    fprintf(2, "stressfs: child %d cannot create %s\n", c, name);
    exit(1);
  }
  for (int k = 0; k < NCHUNK; k++) {
    for (int i = 0; i < CHUNK; i++)
      buf[i] = expected(c, k * CHUNK + i);
    if (write(fd, buf, CHUNK) != CHUNK) {
      fprintf(2, "stressfs: child %d: write %d of %s failed\n", c, k, name);
      exit(1);
    }
  }
  close(fd);
}

// Reads the file back; exits 1 at the first byte that differs.
static void check_file(int c, const char *name)
{
  char buf[CHUNK];
  int fd = open(name, O_RDONLY);

  if (fd < 0) {
    fprintf(2, "stressfs: child %d cannot open %s\n", c, name);
    exit(1);
  }
  for (int k = 0; k < NCHUNK; k++) {
    int n = read(fd, buf, CHUNK);
    if (n != CHUNK) {
      fprintf(2, "stressfs: %s: chunk %d: read %d bytes, expected %d\n", name, k, n, CHUNK);
      exit(1);
    }
    for (int i = 0; i < CHUNK; i++) {
      if (buf[i] != expected(c, k * CHUNK + i)) {
        fprintf(2, "stressfs: %s: byte %d is %d, expected %d\n", name, k * CHUNK + i, (uchar)buf[i],
                (uchar)expected(c, k * CHUNK + i));
        exit(1);
      }
    }
  }
  if (read(fd, buf, 1) != 0) {
    fprintf(2, "stressfs: %s is longer than written\n", name);
    exit(1);
  }
  close(fd);
}

static void child(int pid, int c)
{
  char name[16];

  name_for(name, pid, c);
  write_file(c, name);
  check_file(c, name);
  if (unlink(name) < 0) {
    fprintf(2, "stressfs: cannot remove %s\n", name);
    exit(1);
  }
  exit(0);
}

int main(void)
{
  int failed = 0;
  int status;
  int parent = getpid();

  printf("stressfs starting\n");
  for (int c = 0; c < NCHILD; c++) {
    int pid = fork();
    if (pid < 0) {
      fprintf(2, "stressfs: fork failed\n");
      failed = 1;
      break;
    }
    if (pid == 0)
      child(parent, c);
  }
  while (wait(&status) >= 0) {
    if (status != 0)
      failed = 1;
  }
  if (failed) {
    printf("stressfs FAILED\n");
    exit(1);
  }
  printf("stressfs ok\n");
  exit(0);
}
