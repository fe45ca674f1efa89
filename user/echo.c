// echo: print the arguments separated by spaces and ended by a newline. The
// line is gathered first so that it reaches the output in as few writes as
// possible, which keeps it whole when other processes print at the same time.
#include "kernel/types.h"
#include "kernel/stat.h"
#include "user/user.h"

static char line[512];
static int used;

static void flush(void)
{
  if (used > 0 && write(1, line, used) != used) {
    fprintf(2, "echo: write error\n");
    exit(1);
  }
  used = 0;
}

static void put(const char *s)
{
  while (*s != '\0') {
    if (used == (int)sizeof(line))
      flush();
    line[used++] = *s++;
  }
}

int main(int argc, char *argv[])
{
  for (int i = 1; i < argc; i++) {
    put(argv[i]);
    put(i + 1 < argc ? " " : "");
  }
  put("\n");
  flush();
  exit(0);
}
