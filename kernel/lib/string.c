// Byte and string helpers for the kernel. Freestanding: relies on nothing but
// the compiler, which may itself emit calls to memset and memcpy. The file
// also compiles on the host (with renamed symbols) for the unit tests.
#include "kernel/lib/string.h"

void *memset(void *dst, int c, unsigned long n)
{
  unsigned char *d = dst;

  while (n-- > 0)
    *d++ = (unsigned char)c;
  return dst;
}

void *memmove(void *dst, const void *src, unsigned long n)
{
  unsigned char *d = dst;
  const unsigned char *s = src;

  if (n == 0 || d == s)
    return dst;
  // Copying forward would overwrite source bytes not yet read when the
  // destination starts inside the source, so walk backwards in that case.
  if (s < d && d < s + n) {
    while (n-- > 0)
      d[n] = s[n];
  } else {
    while (n-- > 0)
      *d++ = *s++;
  }
  return dst;
}

// The compiler may turn memcpy into a call to itself if written as a loop, so
// it goes through memmove, which is safe for any arguments anyway.
void *memcpy(void *dst, const void *src, unsigned long n)
{
  return memmove(dst, src, n);
}

int memcmp(const void *a, const void *b, unsigned long n)
{
  // Bytes compare as unsigned, as ISO C requires, so 0x80 sorts above 0x7f.
  const unsigned char *x = a;
  const unsigned char *y = b;

  for (; n > 0; n--, x++, y++) {
    if (*x != *y)
      return *x - *y;
  }
  return 0;
}

unsigned long strlen(const char *s)
{
  unsigned long n = 0;

  while (s[n] != '\0')
    n++;
  return n;
}

int strncmp(const char *a, const char *b, unsigned long n)
{
  const unsigned char *x = (const unsigned char *)a;
  const unsigned char *y = (const unsigned char *)b;

  for (; n > 0; n--, x++, y++) {
    if (*x != *y)
      return *x - *y;
    if (*x == '\0')
      return 0;
  }
  return 0;
}

char *safestrcpy(char *dst, const char *src, int n)
{
  char *d = dst;

  if (n <= 0)
    return dst;
  // Leave room for the terminator, so the result is a string however long
  // src is; a too-long src is cut short rather than overrunning dst.
  while (n > 1 && *src != '\0') {
    *d++ = *src++;
    n--;
  }
  *d = '\0';
  return dst;
}
