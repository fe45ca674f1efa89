// tagrun: runs a command with its standard output and error going into a
// pipe, prints each line of it through tag_line (user/tag.h), then one tagged
// line with the command's exit status: "tagrun: NAME exited STATUS". The
// grader can then tell the output of ordinary programs (ls, wc, a student's
// find) from lines a kernel prints itself (docs/grading.md, "Tags"). The
// command's standard input is tagrun's, so `echo hi | tagrun wc` works.
// Without a grading key tag_line prints the lines as they are.
//
// Three processes: the command, a reader that tags what it prints, and
// tagrun itself, which waits for the command. When the command exits, tagrun
// writes an end marker into the pipe, after every byte the command wrote; the
// reader stops there. Output that orphans of the command print later is not
// shown, as a shell's prompt would come before it: a primes that does not
// wait for its children loses its last lines here too.
#include "kernel/types.h"
#include "kernel/param.h"
#include "user/user.h"
#include "user/tag.h"

// The end marker: a NUL, which text does not hold, then letters drawn after
// the command was forked, so its output cannot hold them by accident.
enum { MARK_LEN = 16 };

static char mark[MARK_LEN];

// The line being read, cut at TAG_LINE_MAX bytes; cut says the last piece
// went out for its length, so that a newline right after it adds no empty line.
static char line[TAG_LINE_MAX + 1];
static int line_len, cut;

static void make_mark(int child)
{
  uint x = (uint)uptime() * 2654435761u ^ (uint)getpid() << 16 ^ (uint)child;

  mark[0] = '\0';
  for (int i = 1; i < MARK_LEN; i++) {
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    mark[i] = 'a' + x % 26;
  }
}

// A line that already ends in a tag (the command itself uses tag_line) goes
// out as it is: a second tag would hide the first from the grader.
static int has_tag(const char *s, int n)
{
  static const char open[] = " [tag:";

  if (n < (int)sizeof(open) || s[n - 1] != ']')
    return 0;
  for (int i = n - (int)sizeof(open); i >= 0; i--)
    if (memcmp(s + i, open, sizeof(open) - 1) == 0)
      return 1;
  return 0;
}

static void flush_line(void)
{
  line[line_len] = '\0';
  if (has_tag(line, line_len)) {
    line[line_len] = '\n';
    write(1, line, line_len + 1);
  } else {
    tag_line(line, (char *)0);
  }
  line_len = 0;
}

// One byte of the command's output. A NUL is dropped (tag_line takes C
// strings); a line longer than TAG_LINE_MAX goes out in pieces.
static void add_byte(char c)
{
  if (c == '\n') {
    if (line_len > 0 || !cut)
      flush_line();
    cut = 0;
    return;
  }
  if (c == '\0')
    return;
  line[line_len++] = c;
  cut = 0;
  if (line_len == TAG_LINE_MAX) {
    flush_line();
    cut = 1;
  }
}

// The reader: tags each line until the end marker (or the end of file).
static void relay(int fd)
{
  char buf[128];
  int matched = 0, n;

  while ((n = read(fd, buf, sizeof(buf))) > 0) {
    for (int i = 0; i < n; i++) {
      if (buf[i] == mark[matched]) {
        if (++matched < MARK_LEN)
          continue;
        if (line_len > 0)
          flush_line(); // the last line, which had no newline
        return;
      }
      // Not the marker after all: the bytes held back were output.
      for (int j = 0; j < matched; j++)
        add_byte(mark[j]);
      matched = buf[i] == mark[0];
      if (!matched)
        add_byte(buf[i]);
    }
  }
  for (int j = 0; j < matched; j++)
    add_byte(mark[j]);
  if (line_len > 0)
    flush_line();
}

// The command, with fds 1 and 2 on the pipe. A bare name is looked up in
// the root too, as sh does, so tagrun works after a cd.
static void run_command(char **argv, int out)
{
  char path[MAXPATH];

  close(1);
  dup(out);
  close(2);
  dup(out);
  close(out);
  exec(argv[0], argv);
  if (strchr(argv[0], '/') == 0 && strlen(argv[0]) + 2 <= sizeof(path)) {
    path[0] = '/';
    strcpy(path + 1, argv[0]);
    exec(path, argv);
  }
  fprintf(2, "tagrun: exec %s failed\n", argv[0]);
  exit(1);
}

static char *format_int(char *end, int n)
{
  uint u = n < 0 ? -(uint)n : (uint)n;

  *--end = '\0';
  do {
    *--end = '0' + u % 10;
    u /= 10;
  } while (u > 0);
  if (n < 0)
    *--end = '-';
  return end;
}

// Waits for pid; returns its exit status. Notes the reader's exit if it
// comes first.
static int wait_for(int pid, int reader, int *reader_done)
{
  int status, w;

  while ((w = wait(&status)) >= 0) {
    if (w == pid)
      return status;
    if (w == reader)
      *reader_done = 1;
  }
  return -1;
}

int main(int argc, char *argv[])
{
  int fds[2], reader_done = 0;

  if (argc < 2) {
    fprintf(2, "usage: tagrun command [arg ...]\n");
    exit(1);
  }
  if (pipe(fds) < 0) {
    fprintf(2, "tagrun: pipe failed\n");
    exit(1);
  }
  int child = fork();
  if (child == 0) {
    close(fds[0]);
    run_command(argv + 1, fds[1]);
  }
  if (child < 0) {
    fprintf(2, "tagrun: fork failed\n");
    exit(1);
  }
  make_mark(child);
  int reader = fork();
  if (reader == 0) {
    close(fds[1]);
    relay(fds[0]);
    exit(0);
  }
  if (reader < 0) {
    // No process to spare: read here, to the end of file, and wait after.
    close(fds[1]);
    relay(fds[0]);
    fds[1] = -1;
  }
  close(fds[0]);
  int status = wait_for(child, reader, &reader_done);
  if (fds[1] >= 0) {
    write(fds[1], mark, MARK_LEN);
    close(fds[1]);
  }
  if (reader > 0 && !reader_done)
    wait_for(reader, -1, &reader_done);
  char digits[16];
  tag_line("tagrun: ", argv[1], " exited ", format_int(digits + sizeof(digits), status), (char *)0);
  exit(status);
}
