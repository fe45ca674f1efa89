// Host tests of xargs' line reading and word splitting (user/xargs.c),
// compiled natively with its system calls renamed: read here serves a
// string, and the calls that would start a command must not be reached.
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

int xargs_readline(int fd, char *line, int max);
int xargs_split(char *line, char **args, int n, int max);

static const char *input;

int xargs_test_read(int fd, void *buf, int n)
{
  (void)fd;
  if (*input == '\0' || n < 1)
    return 0;
  *(char *)buf = *input++;
  return 1;
}

// Starting a command is not what these tests exercise.
int xargs_test_fork(void)
{
  abort();
}
int xargs_test_exec(const char *path, char **argv)
{
  (void)path, (void)argv;
  abort();
}
int xargs_test_wait(int *status)
{
  (void)status;
  abort();
}
void xargs_test_exit(int status)
{
  (void)status;
  abort();
}
void xargs_test_fprintf(int fd, const char *fmt, ...)
{
  (void)fd, (void)fmt;
}

Test(xargs, lines_come_one_at_a_time_without_their_newlines)
{
  char line[16];

  input = "1\n\ntwo words\nlast";
  cr_assert_eq(xargs_readline(0, line, sizeof(line)), 1);
  cr_assert_str_eq(line, "1");
  cr_assert_eq(xargs_readline(0, line, sizeof(line)), 0);
  cr_assert_str_eq(line, "");
  cr_assert_eq(xargs_readline(0, line, sizeof(line)), 9);
  cr_assert_str_eq(line, "two words");
  cr_assert_eq(xargs_readline(0, line, sizeof(line)), 4, "a last line without a newline counts");
  cr_assert_str_eq(line, "last");
  cr_assert_eq(xargs_readline(0, line, sizeof(line)), -1);
}

Test(xargs, a_line_longer_than_the_buffer_is_refused)
{
  char line[4];

  input = "abcd\n";
  cr_assert_eq(xargs_readline(0, line, sizeof(line)), -2);
}

Test(xargs, words_are_appended_after_the_command_and_end_with_a_null)
{
  char line[] = "  hello\tthere  world ";
  char *args[8] = {"grep", "-x"};

  cr_assert_eq(xargs_split(line, args, 2, 7), 5);
  cr_assert_str_eq(args[0], "grep");
  cr_assert_str_eq(args[1], "-x");
  cr_assert_str_eq(args[2], "hello");
  cr_assert_str_eq(args[3], "there");
  cr_assert_str_eq(args[4], "world");
  cr_assert_null(args[5]);
}

Test(xargs, a_blank_line_adds_no_words)
{
  char line[] = " \t ";
  char *args[4] = {"echo"};

  cr_assert_eq(xargs_split(line, args, 1, 3), 1);
  cr_assert_null(args[1]);
}

Test(xargs, more_words_than_maxarg_are_refused)
{
  char line[] = "a b c";
  char *args[4] = {"echo"};

  cr_assert_eq(xargs_split(line, args, 1, 3), -1);
}
