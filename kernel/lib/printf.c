// Kernel printf and panic. Output goes a byte at a time through consputc
// (dev/console.c), which spins on the UART, so printf works with interrupts
// off and before the scheduler runs.
#include <stdarg.h>
#include <stddef.h>

#include "kernel/types.h"
#include "kernel/riscv.h"
#include "kernel/lib/backtrace.h"
#include "kernel/lib/printf.h"
#include "kernel/lib/spinlock.h"
#include "kernel/dev/console.h"
#include "kernel/dev/poweroff.h"
#include "kernel/arch/csr.h"

volatile int panicked = 0;

// Serialises whole printf calls, so lines from different harts do not mix.
static struct {
  struct spinlock lock; // guards the console output of one printf call
  int locking;          // 0 until printfinit() has set up the lock
} pr;

static const char digits[] = "0123456789abcdef";

static void printint(long long value, int base, int is_signed)
{
  char buf[24];
  unsigned long long x;
  int neg = is_signed && value < 0;
  int i = 0;

  // Negate as unsigned so that the most negative value prints correctly.
  x = neg ? -(unsigned long long)value : (unsigned long long)value;
  do {
    buf[i++] = digits[x % base];
    x /= base;
  } while (x != 0);
  if (neg)
    buf[i++] = '-';
  while (--i >= 0)
    consputc(buf[i]);
}

static void printptr(uint64 x)
{
  consputc('0');
  consputc('x');
  for (int i = 0; i < (int)(sizeof(uint64) * 2); i++, x <<= 4)
    consputc(digits[x >> (sizeof(uint64) * 8 - 4)]);
}

static void printstr(const char *s)
{
  if (s == NULL)
    s = "(null)";
  for (; *s != '\0'; s++)
    consputc(*s);
}

// Print one conversion whose letter is c (after any 'l' prefixes). Returns 0,
// or -1 if c is not a conversion we know, so the caller can print it as is.
static int printconv(int c, int longs, va_list *ap)
{
  switch (c) {
  case 'd':
    printint(longs ? va_arg(*ap, long) : va_arg(*ap, int), 10, 1);
    break;
  case 'u':
    printint(longs ? va_arg(*ap, unsigned long) : va_arg(*ap, unsigned int), 10, 0);
    break;
  case 'x':
    printint(longs ? va_arg(*ap, unsigned long) : va_arg(*ap, unsigned int), 16, 0);
    break;
  case 'p':
    printptr(va_arg(*ap, uint64));
    break;
  case 's':
    printstr(va_arg(*ap, const char *));
    break;
  case 'c':
    consputc(va_arg(*ap, int));
    break;
  case '%':
    consputc('%');
    break;
  default:
    return -1;
  }
  return 0;
}

static void vprintf_locked(const char *fmt, va_list *ap)
{
  for (const char *p = fmt; *p != '\0'; p++) {
    if (*p != '%') {
      consputc(*p);
      continue;
    }
    const char *start = p++;
    int longs = 0;
    while (*p == 'l') {
      longs++;
      p++;
    }
    if (*p == '\0') {
      printstr(start);
      break;
    }
    // Echo an unknown conversion whole, so a typo in a format is visible.
    if (printconv(*p, longs, ap) < 0) {
      for (; start <= p; start++)
        consputc(*start);
    }
  }
}

int printf(const char *fmt, ...)
{
  va_list ap;
  int locking = pr.locking;

  // Once some hart has panicked, the rest stop here so its message stays
  // readable and the machine state it describes does not change further.
  if (panicked) {
    for (;;)
      ;
  }
  if (locking)
    acquire(&pr.lock);
  va_start(ap, fmt);
  vprintf_locked(fmt, &ap);
  va_end(ap);
  if (locking)
    release(&pr.lock);
  return 0;
}

// One return address a line. The caller holds pr.lock, or has panicked.
static void print_frame(uint64 ra, void *arg)
{
  (void)arg;
  printptr(ra);
  consputc('\n');
}

// backtrace_walk starts from this function's own frame, so the first address
// is in its caller (sys_sleep, say). The whole backtrace is printed under one
// hold of the lock, so that two harts' backtraces do not interleave.
void backtrace(void)
{
  uint64 fp = r_fp();
  if (panicked) {
    for (;;)
      ;
  }
  if (pr.locking)
    acquire(&pr.lock);
  printstr("backtrace:\n");
  backtrace_walk(fp, print_frame, 0);
  if (pr.locking)
    release(&pr.lock);
}

void panic(const char *msg)
{
  intr_off();
  // Freeze the other harts' printing first, then print without the lock,
  // which a frozen hart may hold forever.
  panicked = 1;
  printstr("\npanic: ");
  printstr(msg);
  consputc('\n');
  // The grader symbolizes these lines in its report (grader/symbolize.c).
  printstr("backtrace:\n");
  backtrace_walk(r_fp(), print_frame, 0);
  // End the machine with the status only a kernel can give: the grader's
  // proof that this line is a kernel panic, not a user program's output.
  poweroff(POWEROFF_PANIC_STATUS);
}

void printfinit(void)
{
  initlock(&pr.lock, "pr");
  pr.locking = 1;
}
