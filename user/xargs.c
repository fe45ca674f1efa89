// xargs COMMAND [ARG...]: runs COMMAND ARG... once for each line of standard
// input, with that line's words appended to the arguments, and waits for
// each run before reading the next line (the util lab's xargs). Lines with
// no words run nothing. Exits 1 if a run could not start or failed.
#include "kernel/types.h"
#include "kernel/param.h"
#include "user/user.h"

enum { LINE_MAX = 512 };

// Reads one line of fd into line (at most max - 1 bytes, without its
// newline, zero-terminated). Returns its length, -1 at the end of the input,
// or -2 for a line too long.
int xargs_readline(int fd, char *line, int max)
{
  int n = 0, r;
  char c;

  while ((r = read(fd, &c, 1)) == 1 && c != '\n') {
    if (n == max - 1)
      return -2;
    line[n++] = c;
  }
  line[n] = '\0';
  if (r != 1 && n == 0)
    return -1;
  return n;
}

// Splits line in place at blanks and tabs, appending its words to args
// after the n already there. Returns the new count, or -1 if the words would
// make more than max. args[count] is then 0, as exec wants.
int xargs_split(char *line, char **args, int n, int max)
{
  char *p = line;

  for (;;) {
    while (*p == ' ' || *p == '\t')
      *p++ = '\0';
    if (*p == '\0')
      break;
    if (n == max)
      return -1;
    args[n++] = p;
    while (*p != '\0' && *p != ' ' && *p != '\t')
      p++;
  }
  args[n] = 0;
  return n;
}

// Runs args[0] with args and waits for it. 0 if it exited with status 0.
static int run(char **args)
{
  int status;
  int pid = fork();

  if (pid < 0) {
    fprintf(2, "xargs: fork failed\n");
    return -1;
  }
  if (pid == 0) {
    exec(args[0], args);
    fprintf(2, "xargs: exec %s failed\n", args[0]);
    exit(1);
  }
  if (wait(&status) != pid || status != 0)
    return -1;
  return 0;
}

int main(int argc, char *argv[])
{
  static char line[LINE_MAX];
  char *args[MAXARG + 1];
  int failed = 0, len;

  if (argc < 2 || argc - 1 > MAXARG) {
    fprintf(2, "usage: xargs command [arg ...] (at most %d)\n", MAXARG);
    exit(1);
  }
  for (int i = 1; i < argc; i++)
    args[i - 1] = argv[i];
  while ((len = xargs_readline(0, line, sizeof(line))) != -1) {
    int n = len < 0 ? -1 : xargs_split(line, args, argc - 1, MAXARG);
    if (n < 0) {
      fprintf(2, "xargs: input line too long or too many words\n");
      exit(1);
    }
    if (n > argc - 1 && run(args) < 0)
      failed = 1;
  }
  exit(failed);
}
