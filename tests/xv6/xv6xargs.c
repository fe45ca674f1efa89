// The util lab's xargs: runs the command given as arguments once for each
// line of standard input, with that line's words appended to its arguments,
// waiting for each run to finish before reading the next line. Lines with
// no words are skipped. Exits 1 if a run could not start or failed.
#include "kernel/types.h"
#include "kernel/param.h"
#include "user/user.h"

char line[512];

// Reads the next line of standard input into line, without its newline.
// Returns its length, or -1 at the end of the input.
int
readline(void)
{
  int n, r;
  char c;

  n = 0;
  while((r = read(0, &c, 1)) == 1 && c != '\n'){
    if(n == sizeof(line) - 1){
      fprintf(2, "xv6xargs: input line too long\n");
      exit(1);
    }
    line[n++] = c;
  }
  line[n] = 0;
  if(r != 1 && n == 0)
    return -1;
  return n;
}

int
main(int argc, char *argv[])
{
  char *args[MAXARG + 1], *p;
  int i, n, pid, status, failed;

  if(argc < 2){
    fprintf(2, "usage: xv6xargs command [arg ...]\n");
    exit(1);
  }
  if(argc - 1 > MAXARG){
    fprintf(2, "xv6xargs: too many arguments\n");
    exit(1);
  }
  for(i = 1; i < argc; i++)
    args[i - 1] = argv[i];

  failed = 0;
  while(readline() >= 0){
    n = argc - 1;
    p = line;
    for(;;){
      while(*p == ' ' || *p == '\t')
        *p++ = 0;
      if(*p == 0)
        break;
      if(n == MAXARG){
        fprintf(2, "xv6xargs: too many arguments\n");
        exit(1);
      }
      args[n++] = p;
      while(*p != 0 && *p != ' ' && *p != '\t')
        p++;
    }
    if(n == argc - 1)
      continue;
    args[n] = 0;

    pid = fork();
    if(pid < 0){
      fprintf(2, "xv6xargs: fork failed\n");
      exit(1);
    }
    if(pid == 0){
      exec(args[0], args);
      fprintf(2, "xv6xargs: exec %s failed\n", args[0]);
      exit(1);
    }
    if(wait(&status) != pid || status != 0)
      failed = 1;
  }
  exit(failed);
}
