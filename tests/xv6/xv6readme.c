// Opens README in the root directory, where xv6's image keeps it, by the
// relative name xv6 programs use (the shell starts in /), reads it to the end
// in small pieces and checks that read() gave as many bytes as fstat() says.
#include "kernel/types.h"
#include "kernel/stat.h"
#include "user/user.h"
#include "kernel/fcntl.h"

char buf[100];
char first[100];

int
main(int argc, char *argv[])
{
  struct stat st;
  int fd, n, i, total, lines, nfirst;

  fd = open("README", O_RDONLY);
  if(fd < 0){
    printf("xv6readme: cannot open README\n");
    exit(1);
  }
  if(fstat(fd, &st) < 0 || st.type != T_FILE){
    printf("xv6readme: README is not a file\n");
    exit(1);
  }

  total = lines = nfirst = 0;
  while((n = read(fd, buf, sizeof(buf))) > 0){
    for(i = 0; i < n; i++){
      if(lines == 0 && buf[i] != '\n' && nfirst < sizeof(first) - 1)
        first[nfirst++] = buf[i];
      if(buf[i] == '\n')
        lines++;
    }
    total += n;
  }
  close(fd);
  first[nfirst] = 0;

  if(n < 0){
    printf("xv6readme: read failed after %d bytes\n", total);
    exit(1);
  }
  printf("xv6readme: first line: %s\n", first);
  printf("xv6readme: read %d bytes in %d lines\n", total, lines);
  if(total != st.size || total == 0){
    printf("xv6readme: FAILED: read %d bytes, fstat says %d\n", total, (int)st.size);
    exit(1);
  }
  printf("xv6readme: ok\n");
  exit(0);
}
