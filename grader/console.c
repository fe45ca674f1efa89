/* Console transcript: accumulates a run's serial output and answers the
 * driver's questions about prompts and panics. Carriage returns are dropped
 * so that logs and regular expressions see plain lines. */
#include "grader/console.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grader/quote.h"

static const char panic_mark[] = "panic: ";

void console_init(struct console *c)
{
  memset(c, 0, sizeof *c);
  c->cap = 4096;
  c->text = calloc(1, c->cap);
  c->panic_at = -1;
  if (!c->text) {
    perror("grade: out of memory");
    exit(2);
  }
}

void console_free(struct console *c)
{
  free(c->text);
  c->text = NULL;
}

/* The latest panic-looking line is the one to show: a kernel's own panic
 * comes last, after any a user program printed. */
static void note_line_start(struct console *c, size_t start)
{
  if ((long)start > c->panic_at && strncmp(c->text + start, panic_mark, sizeof panic_mark - 1) == 0)
    c->panic_at = (long)start;
}

void console_feed(struct console *c, const char *data, size_t n)
{
  if (c->len + n > CONSOLE_MAX) {
    c->full = true;
    n = c->len < CONSOLE_MAX ? CONSOLE_MAX - c->len : 0;
  }
  if (c->len + n + 1 > c->cap) {
    while (c->len + n + 1 > c->cap)
      c->cap *= 2;
    c->text = realloc(c->text, c->cap);
    if (!c->text) {
      perror("grade: out of memory");
      exit(2);
    }
  }
  for (size_t i = 0; i < n; i++) {
    if (data[i] == '\r' || data[i] == '\0')
      continue;
    c->text[c->len++] = data[i];
    if (data[i] == ' ' && c->len >= c->typed_at + 2 && c->len - 2 == c->line_start &&
        c->text[c->len - 2] == '$')
      c->prompted = true;
    if (data[i] == '\n') {
      c->text[c->len] = '\0';
      note_line_start(c, c->line_start);
      c->line_start = c->len;
    }
  }
  c->text[c->len] = '\0';
}

bool console_at_prompt(const struct console *c)
{
  if (c->prompted)
    return true;
  return c->len >= c->typed_at + 2 && c->len - c->line_start >= 2 && c->text[c->len - 2] == '$' &&
         c->text[c->len - 1] == ' ';
}

void console_typed(struct console *c)
{
  c->typed_at = c->len;
  c->prompted = false;
}

bool console_panicked(struct console *c, bool include_partial)
{
  if (include_partial && c->line_start < c->len)
    note_line_start(c, c->line_start);
  return c->panic_at >= 0;
}

char *console_tail(const struct console *c, size_t end, int n)
{
  size_t start = end;
  if (start > 0 && c->text[start - 1] == '\n')
    start--;
  for (int lines = 0; start > 0; start--)
    if (c->text[start - 1] == '\n' && ++lines == n)
      break;
  char *out = NULL;
  size_t outlen = 0;
  FILE *f = open_memstream(&out, &outlen);
  while (start < end) {
    const char *eol = memchr(c->text + start, '\n', end - start);
    size_t len = eol ? (size_t)(eol - (c->text + start)) : end - start;
    quote_line(f, 0, c->text + start, len);
    start += len + (eol != NULL);
  }
  fclose(f);
  return out;
}
