// The lock lab's way of reading lock statistics, written as MIT 6.1810's
// kalloctest and bcachetest write it: the headers in their order, a global
// buffer, statistics(), and the number after the first '='. It prints
// "xv6ntas: tot N" and "xv6ntas: ok" if the text has the lines it expects.
#include "kernel/param.h"
#include "kernel/types.h"
#include "kernel/stat.h"
#include "kernel/riscv.h"
#include "kernel/fcntl.h"
#include "kernel/memlayout.h"
#include "kernel/fs.h"
#include "user/user.h"

#define SZ 4096
char buf[SZ];

int
ntas(int print)
{
  int n;
  char *c;

  if (statistics(buf, SZ) <= 0) {
    fprintf(2, "ntas: no stats\n");
  }
  c = strchr(buf, '=');
  n = atoi(c+2);
  if(print)
    printf("%s", buf);
  return n;
}

int
main(int argc, char *argv[])
{
  int n = ntas(0);
  printf("xv6ntas: tot %d\n", n);
  if(strchr(buf, '=') && buf[0] == '-' && n >= 0)
    printf("xv6ntas: ok\n");
  exit(0);
}
