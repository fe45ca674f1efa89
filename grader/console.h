/* The console transcript of one run: bytes from QEMU's serial port, with the
 * knowledge the driver needs from them (is the shell prompting? did the
 * kernel panic?). Pure logic with no I/O, so unit tests can feed it. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

/* A run's console is kept up to this many bytes; past it the rest is
 * dropped and the driver ends the run (a kernel printing without end would
 * otherwise fill memory, the log and every report that quotes it). A
 * correct usertests run prints about 30 KB. */
#define CONSOLE_MAX (1 << 20)

struct console {
  char *text; /* everything received, carriage returns removed, NUL-terminated */
  size_t len, cap;
  size_t line_start; /* offset of the line still being received */
  size_t typed_at;   /* len when we last typed; older prompts are used up */
  bool prompted;     /* a line began with `$ ` since typed_at */
  long panic_at;     /* offset of the latest line starting "panic: ", or -1 */
  bool full;         /* CONSOLE_MAX was reached: later bytes were dropped */
};

void console_init(struct console *c);
void console_free(struct console *c);

/* Append what QEMU printed, up to CONSOLE_MAX bytes in all. */
void console_feed(struct console *c, const char *data, size_t n);

/* True when, since the last console_typed(), a line began with the shell's
 * `$ ` (a background job may already have printed after it) or the
 * unfinished last line ends in `$ ` (output without a final newline). */
bool console_at_prompt(const struct console *c);
void console_typed(struct console *c);

/* True once a line starts with "panic: " (a complete one, or the unfinished
 * last line when `include_partial`, as at a timeout). Such a line alone is
 * not a kernel panic, since a user program can print it: the driver also
 * wants QEMU's exit with the kernel's panic status. */
bool console_panicked(struct console *c, bool include_partial);

/* The last `n` lines up to offset `end` (whole text when end is len), as a
 * newly allocated string with each line indented by two spaces and cut to
 * QUOTE_LINE_LEN characters (grader/quote.h). */
char *console_tail(const struct console *c, size_t end, int n);
