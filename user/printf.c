// printf and fprintf for user programs. Output is gathered in a buffer and
// written with as few write() calls as possible, so a line printed by one call
// reaches the console in one piece even when processes interleave.
//
// The buffer is static, not on the stack: xv6 programs expect printf to need
// no more than xv6's 288 bytes of their one-page stack (a recursive primes
// sieve prints from dozens of frames deep), and a process has one thread.
// What can interrupt a printf is a handler that itself prints (a sigalarm
// handler, a user page-fault handler); while the buffer is taken, such a call
// writes its output a character at a time, as xv6's printf always does.
#include <stdarg.h>

#include "kernel/types.h"
#include "user/user.h"

// Output collected by one printf call; flushed when full and at the end.
struct outbuf {
  int fd;
  int len;
  int cap;
  char *data;
};

static char line_buf[256];
// Set while a printf call owns line_buf. Volatile, and fenced, so the
// compiler keeps the claim before the buffer's first use and the release
// after its last, where an interrupting handler would look.
static volatile int line_busy;

static void out_flush(struct outbuf *o)
{
  if (o->len > 0)
    write(o->fd, o->data, o->len);
  o->len = 0;
}

static void out_char(struct outbuf *o, char c)
{
  if (o->len == o->cap)
    out_flush(o);
  o->data[o->len++] = c;
}

static void out_str(struct outbuf *o, const char *s)
{
  if (s == 0)
    s = "(null)";
  while (*s != '\0')
    out_char(o, *s++);
}

// Prints x in the given base; a signed value arrives as its two's complement
// bit pattern and is negated here so that the most negative value works too.
// Digits go out from the most significant one down, by dividing by the
// largest power of the base not above x, so no scratch array is needed.
static void out_num(struct outbuf *o, uint64 x, int base, int is_signed)
{
  uint64 place = 1;

  if (is_signed && (long)x < 0) {
    out_char(o, '-');
    x = -x;
  }
  while (x / place >= (uint64)base)
    place *= base;
  for (; place != 0; place /= base)
    out_char(o, "0123456789abcdef"[(x / place) % base]);
}

static void out_pointer(struct outbuf *o, uint64 p)
{
  out_str(o, "0x");
  for (int shift = 60; shift >= 0; shift -= 4)
    out_char(o, "0123456789abcdef"[(p >> shift) & 0xf]);
}

// Handles the integer verbs d, u and x after zero, one or two 'l' modifiers.
// Returns 0 if verb is not one of them.
static int out_integer(struct outbuf *o, char verb, int longs, va_list *ap)
{
  uint64 x;

  if (verb != 'd' && verb != 'u' && verb != 'x')
    return 0;
  if (longs > 0)
    x = va_arg(*ap, uint64);
  else if (verb == 'd')
    x = (uint64)(long)va_arg(*ap, int);
  else
    x = va_arg(*ap, uint);
  out_num(o, x, verb == 'x' ? 16 : 10, verb == 'd');
  return 1;
}

// Formats one verb starting just after its '%'; returns how many format
// characters it used. Unknown verbs are printed as written.
static int out_verb(struct outbuf *o, const char *f, va_list *ap)
{
  int longs = 0;

  while (f[longs] == 'l' && longs < 2)
    longs++;
  if (out_integer(o, f[longs], longs, ap))
    return longs + 1;
  if (longs == 0) {
    switch (f[0]) {
    case 'c':
      out_char(o, (char)va_arg(*ap, int));
      return 1;
    case 's':
      out_str(o, va_arg(*ap, const char *));
      return 1;
    case 'p':
      out_pointer(o, (uint64)va_arg(*ap, void *));
      return 1;
    case '%':
      out_char(o, '%');
      return 1;
    }
  }
  out_char(o, '%');
  for (int i = 0; i < longs; i++)
    out_char(o, 'l');
  if (f[longs] == '\0')
    return longs;
  out_char(o, f[longs]);
  return longs + 1;
}

// Takes line_buf if no call holds it, else a one-character buffer.
static void out_open(struct outbuf *o, int fd, char *one)
{
  o->fd = fd;
  o->len = 0;
  o->data = one;
  o->cap = 1;
  if (!line_busy) {
    line_busy = 1;
    __asm__ volatile("" ::: "memory");
    o->data = line_buf;
    o->cap = sizeof(line_buf);
  }
}

static void out_close(struct outbuf *o)
{
  out_flush(o);
  if (o->data == line_buf) {
    __asm__ volatile("" ::: "memory");
    line_busy = 0;
  }
}

static void vprintf_fd(int fd, const char *fmt, va_list ap)
{
  struct outbuf o;
  char one;
  va_list args;

  // A local copy, so the helpers can take its address whatever type va_list is.
  va_copy(args, ap);
  out_open(&o, fd, &one);
  while (*fmt != '\0') {
    if (*fmt == '%')
      fmt += 1 + out_verb(&o, fmt + 1, &args);
    else
      out_char(&o, *fmt++);
  }
  out_close(&o);
  va_end(args);
}

void fprintf(int fd, const char *fmt, ...)
{
  va_list ap;

  va_start(ap, fmt);
  vprintf_fd(fd, fmt, ap);
  va_end(ap);
}

void printf(const char *fmt, ...)
{
  va_list ap;

  va_start(ap, fmt);
  vprintf_fd(1, fmt, ap);
  va_end(ap);
}
