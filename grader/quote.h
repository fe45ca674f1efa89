/* How much console text an explanation quotes: the one place that bounds
 * it, so that a kernel printing without end cannot make a report (or a
 * results.json) without end. Every quoted line goes through quote_line. */
#pragma once

#include <stdbool.h>
#include <stdio.h>

enum {
  QUOTE_LINES = 8,      /* lines a failure quotes from one place of a run */
  QUOTE_LINE_LEN = 160, /* characters of a line quoted; the rest is cut */
};

/* Writes "  TEXT\n" (or "  line N: TEXT\n" when number > 0, or "TEXT\n"
 * with no indent when number < 0), TEXT cut to
 * QUOTE_LINE_LEN characters with a note of how many were left out. len is
 * the length of TEXT (it need not end in a NUL there). */
void quote_line(FILE *out, int number, const char *text, size_t len);

/* TEXT (NUL-terminated) cut as quote_line cuts it, with no indent or newline. */
void quote_text(FILE *out, const char *text);

/* A line in which a test program says why it failed: it holds FAILED,
 * failed, error or killed (cowtest's "simple: ... failed", forktree's
 * "forktree: ufork failed", the kernel's "pid 5 (sh): killed: ..."). */
bool quote_says_why(const char *text);
