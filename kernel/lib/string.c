// Byte and string helpers for the kernel. Freestanding: relies on nothing but
// the compiler, which may itself emit calls to memset and memcpy. The file
// also compiles on the host (with renamed symbols) for the unit tests.
#include "kernel/lib/string.h"

// The big copies and fills, whole pages and disk blocks, are word-aligned, so
// they move eight bytes a step: under QEMU every loop iteration costs
// instructions, and a page copied a byte at a time was the largest part of an
// eager fork. may_alias tells the compiler these words may hold any type's
// bytes.
typedef unsigned long __attribute__((may_alias)) word;

static int words_fit(const void *a, const void *b, unsigned long n)
{
  return (((unsigned long)a | (unsigned long)b | n) % sizeof(word)) == 0;
}

void *memset(void *dst, int c, unsigned long n)
{
  unsigned char *d = dst;

  if (words_fit(dst, dst, n)) {
    // ~0UL / 0xff is 0x0101...01: the byte repeated in every byte of a word.
    word pattern = (unsigned char)c * (~0UL / 0xff);
    word *w = dst;
    for (unsigned long i = 0; i < n / sizeof(word); i++)
      w[i] = pattern;
    return dst;
  }
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
  int backward = s < d && d < s + n;
  if (words_fit(dst, src, n)) {
    word *dw = dst;
    const word *sw = src;
    unsigned long nw = n / sizeof(word);
    if (backward) {
      while (nw-- > 0)
        dw[nw] = sw[nw];
    } else {
      for (unsigned long i = 0; i < nw; i++)
        dw[i] = sw[i];
    }
    return dst;
  }
  if (backward) {
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
