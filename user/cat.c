// cat: copy each named file, or standard input when none is named, to
// standard output. Uses only read, write, open and close.
#include "kernel/types.h"
#include "kernel/stat.h"
#include "kernel/fcntl.h"
#include "user/user.h"

static char buf[512];

// Copies fd to standard output; name is only for error messages.
static void copy_out(int fd, const char *name)
{
  int n;

  while ((n = read(fd, buf, sizeof(buf))) > 0) {
    if (write(1, buf, n) != n) {
      fprintf(2, "cat: write error\n");
      exit(1);
    }
  }
  if (n < 0) {
    fprintf(2, "cat: read error on %s\n", name);
    exit(1);
  }
}

int main(int argc, char *argv[])
{
  if (argc < 2) {
    copy_out(0, "standard input");
    exit(0);
  }
  for (int i = 1; i < argc; i++) {
    int fd = open(argv[i], O_RDONLY);
    if (fd < 0) {
      fprintf(2, "cat: cannot open %s\n", argv[i]);
      exit(1);
    }
    copy_out(fd, argv[i]);
    close(fd);
  }
  exit(0);
}
