// Host tests of the user-space printf (user/printf.c). printf.c is compiled
// natively with printf, fprintf and write renamed; the write here records
// what would have reached the file descriptor.
#include <criterion/criterion.h>
#include <string.h>

void uprintf(const char *fmt, ...);
void ufprintf(int fd, const char *fmt, ...);
int uprintf_test_write(int fd, const void *buf, int n);

static char out[4096];
static int out_len;
static int writes;
static int last_fd = -1;

// When set, the next write prints this from inside it, as a signal handler
// that interrupts a printf and prints would.
static const char *nested;

int uprintf_test_write(int fd, const void *buf, int n)
{
  if (nested != NULL) {
    const char *s = nested;

    nested = NULL;
    uprintf("%s", s);
  }
  memcpy(out + out_len, buf, n);
  out_len += n;
  out[out_len] = '\0';
  writes++;
  last_fd = fd;
  return n;
}

Test(uprintf, integer_verbs)
{
  uprintf("%d %d %u %x %d", -42, -2147483647 - 1, 4294967295u, 0xbeef, 0);
  cr_assert_str_eq(out, "-42 -2147483648 4294967295 beef 0");
}

Test(uprintf, long_verbs)
{
  uprintf("%ld %lu %lx %lld", -9223372036854775807L - 1, 18446744073709551615UL,
          0xfedcba9876543210UL, 7LL);
  cr_assert_str_eq(out, "-9223372036854775808 18446744073709551615 fedcba9876543210 7");
}

Test(uprintf, pointer_is_0x_and_16_hex_digits)
{
  uprintf("%p", (void *)0x1234);
  cr_assert_str_eq(out, "0x0000000000001234");
}

Test(uprintf, strings_chars_and_percent)
{
  uprintf("[%s] [%s] [%c] [%%]", "hi", (char *)0, 'z');
  cr_assert_str_eq(out, "[hi] [(null)] [z] [%]");
}

Test(uprintf, unknown_verbs_are_printed_as_written)
{
  uprintf("%q %lz 100%");
  cr_assert_str_eq(out, "%q %lz 100%");
}

Test(uprintf, a_line_goes_out_in_one_write)
{
  uprintf("pid %d: %s\n", 3, "a line of ordinary length");
  cr_assert_eq(writes, 1);
}

Test(uprintf, long_output_is_complete)
{
  char big[1001];

  memset(big, 'x', 1000);
  big[1000] = '\0';
  uprintf("<%s>", big);
  cr_assert_eq(out_len, 1002);
  cr_assert_eq(out[0], '<');
  cr_assert_eq(out[1001], '>');
}

Test(uprintf, fprintf_writes_to_the_given_fd)
{
  ufprintf(2, "err");
  cr_assert_eq(last_fd, 2);
  cr_assert_str_eq(out, "err");
}

Test(uprintf, a_printf_inside_a_printf_goes_out_unbuffered_and_leaves_the_outer_line_whole)
{
  char big[300];

  memset(big, 'y', 299);
  big[299] = '\0';
  nested = "ab";
  // The outer call fills its buffer (256) and flushes; the nested call
  // writes a character at a time, then the outer line goes on intact.
  uprintf("%s|", big);
  cr_assert_eq(out_len, 302);
  cr_assert_eq(out[0], 'a');
  cr_assert_eq(out[1], 'b');
  cr_assert_eq(out[2], 'y');
  cr_assert_eq(out[301], '|');
  cr_assert_eq(writes, 4);
  // Once both are done the buffer is free again: a line is one write.
  writes = 0;
  uprintf("one line\n");
  cr_assert_eq(writes, 1);
}
