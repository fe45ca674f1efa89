// The user library's entry point and string, memory and file helpers. It
// relies only on the system-call stubs in usys.S; no function here allocates.
#include "kernel/types.h"
#include "kernel/stat.h"
#include "kernel/fcntl.h"
#include "kernel/riscv.h"
#include "kernel/memlayout.h"
#include "user/user.h"

int main(int argc, char **argv);

// The ELF entry point (ENTRY in user.ld). The kernel's exec leaves argc in a0
// and argv in a1, which are exactly the first two C arguments. Programs may
// either return from main or call exit; both end up in exit.
void _start(int argc, char **argv)
{
  exit(main(argc, argv));
}

char *strcpy(char *dst, const char *src)
{
  char *d = dst;

  while ((*d++ = *src++) != '\0')
    ;
  return dst;
}

int strcmp(const char *a, const char *b)
{
  while (*a != '\0' && *a == *b) {
    a++;
    b++;
  }
  // Compare as unsigned so that bytes above 127 sort after ASCII.
  return (uchar)*a - (uchar)*b;
}

uint strlen(const char *s)
{
  uint n = 0;

  while (s[n] != '\0')
    n++;
  return n;
}

char *strchr(const char *s, char c)
{
  for (; *s != '\0'; s++) {
    if (*s == c)
      return (char *)s;
  }
  return 0;
}

void *memset(void *dst, int c, uint n)
{
  uchar *d = dst;

  while (n-- > 0)
    *d++ = (uchar)c;
  return dst;
}

// Copies n bytes between buffers that may overlap: backwards when the
// destination lies above the source, so no byte is overwritten before it is read.
void *memmove(void *dst, const void *src, int n)
{
  uchar *d = dst;
  const uchar *s = src;

  if (n <= 0 || d == s)
    return dst;
  if (s < d && d < s + n) {
    while (n-- > 0)
      d[n] = s[n];
  } else {
    while (n-- > 0)
      *d++ = *s++;
  }
  return dst;
}

// The compiler may emit calls to memcpy for structure copies, so it must
// exist; it shares memmove's overlap-safe loop.
void *memcpy(void *dst, const void *src, uint n)
{
  return memmove(dst, src, (int)n);
}

int memcmp(const void *a, const void *b, uint n)
{
  const uchar *x = a;
  const uchar *y = b;

  for (uint i = 0; i < n; i++) {
    if (x[i] != y[i])
      return x[i] - y[i];
  }
  return 0;
}

// Reads one line, one byte per read() so that nothing past the newline is
// consumed (the rest belongs to whoever reads the descriptor next). The
// newline is kept; an empty result means end of file.
char *gets(char *buf, int max)
{
  int n = 0;
  char c;

  while (n + 1 < max) {
    if (read(0, &c, 1) != 1)
      break;
    buf[n++] = c;
    if (c == '\n' || c == '\r')
      break;
  }
  if (max > 0)
    buf[n] = '\0';
  return buf;
}

int stat(const char *path, struct stat *st)
{
  int fd = open(path, O_RDONLY);
  int r;

  if (fd < 0)
    return -1;
  r = fstat(fd, st);
  close(fd);
  return r;
}

// Decimal with an optional sign; parsing stops at the first non-digit.
int atoi(const char *s)
{
  int neg = 0;
  int n = 0;

  while (*s == ' ' || *s == '\t')
    s++;
  if (*s == '-' || *s == '+')
    neg = *s++ == '-';
  while (*s >= '0' && *s <= '9')
    n = n * 10 + (*s++ - '0');
  return neg ? -n : n;
}

// Newer xv6 editions call sleep "pause"; both names wait for ticks timer ticks.
int pause(int ticks)
{
  return sleep(ticks);
}

int ugetpid(void)
{
  // The kernel maps this page read-only into every process (the pgtbl lab).
  const struct usyscall *u = (const struct usyscall *)USYSCALL;
  return u->pid;
}
