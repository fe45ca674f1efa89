// wc: count lines, words and bytes in each named file, or in standard input
// when none is named. A word is a run of characters other than white space.
#include "kernel/types.h"
#include "kernel/stat.h"
#include "kernel/fcntl.h"
#include "user/user.h"

static char buf[512];

static int is_space(char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

// Counts fd and prints "lines words bytes name"; returns -1 on a read error.
static int count(int fd, const char *name)
{
  int lines = 0, words = 0, bytes = 0;
  int in_word = 0;
  int n;

  while ((n = read(fd, buf, sizeof(buf))) > 0) {
    bytes += n;
    for (int i = 0; i < n; i++) {
      if (buf[i] == '\n')
        lines++;
      if (is_space(buf[i])) {
        in_word = 0;
      } else if (!in_word) {
        in_word = 1;
        words++;
      }
    }
  }
  if (n < 0) {
    fprintf(2, "wc: read error on %s\n", name[0] != '\0' ? name : "standard input");
    return -1;
  }
  printf("%d %d %d %s\n", lines, words, bytes, name);
  return 0;
}

int main(int argc, char *argv[])
{
  int status = 0;

  if (argc < 2)
    exit(count(0, "") < 0 ? 1 : 0);
  for (int i = 1; i < argc; i++) {
    int fd = open(argv[i], O_RDONLY);
    if (fd < 0) {
      fprintf(2, "wc: cannot open %s\n", argv[i]);
      exit(1);
    }
    if (count(fd, argv[i]) < 0)
      status = 1;
    close(fd);
  }
  exit(status);
}
