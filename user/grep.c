// grep: print the lines of each file (or of standard input) that match a
// simple regular expression: literal characters, '.' for any character, 'c*'
// for zero or more c, '^' anchoring at the start and '$' at the end.
#include "kernel/types.h"
#include "kernel/stat.h"
#include "kernel/fcntl.h"
#include "user/user.h"

static int match_here(const char *re, const char *text);

static int char_matches(char pattern, char c)
{
  return pattern == '.' || pattern == c;
}

// Matches "c*" followed by rest: takes the longest run of c first and gives
// characters back one at a time until the rest of the pattern matches.
static int match_star(char c, const char *rest, const char *text)
{
  const char *t = text;

  while (*t != '\0' && char_matches(c, *t))
    t++;
  for (;; t--) {
    if (match_here(rest, t))
      return 1;
    if (t == text)
      return 0;
  }
}

// Does re match a prefix of text?
static int match_here(const char *re, const char *text)
{
  for (;;) {
    if (re[0] == '\0')
      return 1;
    if (re[1] == '*')
      return match_star(re[0], re + 2, text);
    if (re[0] == '$' && re[1] == '\0')
      return *text == '\0';
    if (*text == '\0' || !char_matches(re[0], *text))
      return 0;
    re++;
    text++;
  }
}

// Does re match anywhere in text? Without '^' every start position is tried,
// including the empty string at the end (so "x*" matches every line).
static int match(const char *re, const char *text)
{
  if (re[0] == '^')
    return match_here(re + 1, text);
  for (const char *t = text;; t++) {
    if (match_here(re, t))
      return 1;
    if (*t == '\0')
      return 0;
  }
}

static char buf[1024];

// Prints the matching lines of fd. A line longer than the buffer is treated
// as if it ended where the buffer fills. Returns -1 on a read error.
static int grep_fd(const char *re, int fd)
{
  int used = 0;
  int n;

  while ((n = read(fd, buf + used, sizeof(buf) - 1 - used)) > 0) {
    int start = 0;
    used += n;
    for (int i = 0; i < used; i++) {
      if (buf[i] != '\n')
        continue;
      buf[i] = '\0';
      if (match(re, buf + start))
        printf("%s\n", buf + start);
      start = i + 1;
    }
    if (start == 0 && used == (int)sizeof(buf) - 1) {
      buf[used] = '\0';
      if (match(re, buf))
        printf("%s\n", buf);
      start = used;
    }
    memmove(buf, buf + start, used - start);
    used -= start;
  }
  // A last line without a newline still counts.
  buf[used] = '\0';
  if (used > 0 && match(re, buf))
    printf("%s\n", buf);
  return n < 0 ? -1 : 0;
}

int main(int argc, char *argv[])
{
  const char *re;
  int status = 0;

  if (argc < 2) {
    fprintf(2, "usage: grep pattern [file ...]\n");
    exit(1);
  }
  re = argv[1];
  if (argc == 2)
    exit(grep_fd(re, 0) < 0 ? 1 : 0);
  for (int i = 2; i < argc; i++) {
    int fd = open(argv[i], O_RDONLY);
    if (fd < 0) {
      fprintf(2, "grep: cannot open %s\n", argv[i]);
      exit(1);
    }
    if (grep_fd(re, fd) < 0) {
      fprintf(2, "grep: read error on %s\n", argv[i]);
      status = 1;
    }
    close(fd);
  }
  exit(status);
}
