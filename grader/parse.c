/* Helpers for the grader's line-oriented parsers (parse.h): messages that
 * say where a file is wrong, array growth, and reading a file into memory
 * with open_memstream. */
#define _GNU_SOURCE
#include "grader/parse.h"

#include <err.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

int parse_fail(const struct parse_cursor *c, const char *fmt, ...)
{
  va_list ap;
  int n = snprintf(c->err, c->errlen, "%s:%d: ", c->path, c->line);
  va_start(ap, fmt);
  if (n >= 0 && (size_t)n < c->errlen)
    vsnprintf(c->err + n, c->errlen - n, fmt, ap);
  va_end(ap);
  return -1;
}

void *parse_grow(void *array, int count, size_t size)
{
  void *bigger = realloc(array, (size_t)(count + 1) * size);
  if (!bigger)
    err(2, "out of memory"); /* "grade: out of memory: ...", as perror would say */
  return bigger;
}

char *parse_read_file(const char *path)
{
  FILE *f = fopen(path, "r");
  if (!f)
    return NULL;
  char *text = NULL;
  size_t len = 0;
  FILE *mem = open_memstream(&text, &len);
  if (!mem)
    err(2, "out of memory");
  char chunk[4096];
  size_t n;
  while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
    fwrite(chunk, 1, n, mem);
  fclose(f);
  fclose(mem);
  return text;
}
