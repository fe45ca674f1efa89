/* What the grader's plain-text parsers (rubrics here, variant tables in
 * matrix/) share: reading the whole file, refusing a line with "path:line:"
 * and what was expected there, and growing an array one element at a time. */
#pragma once

#include <stddef.h>

/* Where a parser is, and where its refusal goes. */
struct parse_cursor {
  const char *path; /* names the text in messages */
  int line;         /* 1-based; the line being parsed */
  char *err;
  size_t errlen;
};

/* Writes "path:line: " and the message into c->err; returns -1, so that a
 * parser can `return parse_fail(...)`. */
__attribute__((format(printf, 2, 3))) int parse_fail(const struct parse_cursor *c, const char *fmt,
                                                     ...);

/* `array` (of `count` elements of `size` bytes) with room for one more.
 * Running out of memory ends the program with status 2, as a usage error
 * does: a half-parsed rubric or table is of no use. */
void *parse_grow(void *array, int count, size_t size);

/* The whole file as a NUL-terminated string to free, or NULL with errno set
 * when it cannot be opened. */
char *parse_read_file(const char *path);
