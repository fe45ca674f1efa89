/* Matcher: applies a condition's POSIX ERE to each console line and, when
 * the condition fails, quotes the lines that made it fail (or, when nothing
 * matched, the last lines the run printed) so a student sees why. */
#define _GNU_SOURCE
#include "grader/match.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { QUOTE_MAX = 8, TAIL_LINES = 6 };

/* Counts matching lines, quoting the first few with their numbers; regexec
 * needs each line NUL-terminated, so the text is copied once and cut up. */
static int each_match(const regex_t *re, const char *text, FILE *quote, int quote_max)
{
  char *copy = strdup(text), *line = copy;
  int count = 0;
  for (int number = 1; line && *line; number++) {
    char *eol = strchr(line, '\n');
    if (eol)
      *eol = '\0';
    if (regexec(re, line, 0, NULL, 0) == 0) {
      if (quote && count < quote_max)
        fprintf(quote, "  line %d: %s\n", number, line);
      count++;
    }
    line = eol ? eol + 1 : NULL;
  }
  free(copy);
  return count;
}

int match_count(const regex_t *re, const char *text)
{
  return each_match(re, text, NULL, 0);
}

static void quote_tail(FILE *out, const char *text)
{
  size_t end = strlen(text);
  while (end > 0 && text[end - 1] == '\n')
    end--;
  size_t start = end;
  for (int lines = 0; start > 0; start--)
    if (text[start - 1] == '\n' && ++lines == TAIL_LINES)
      break;
  if (start == end) {
    fputs("the run printed nothing\n", out);
    return;
  }
  fputs("the run's last lines were:\n", out);
  for (const char *p = text + start; p < text + end;) {
    const char *eol = memchr(p, '\n', (size_t)(text + end - p));
    size_t n = eol ? (size_t)(eol - p) : (size_t)(text + end - p);
    fprintf(out, "  %.*s\n", (int)n, p);
    p += n + 1;
  }
}

bool match_condition(const struct rubric_cond *cond, const char *text, char **why)
{
  int count = match_count(&cond->re, text);
  bool ok = cond->kind == COND_NONE      ? count == 0
            : cond->kind == COND_EXACTLY ? count == cond->count
                                         : count >= cond->count;
  if (ok || !why)
    return ok;
  size_t len;
  FILE *out = open_memstream(why, &len);
  if (cond->kind == COND_NONE)
    fprintf(out, "expected no line matching /%s/, found %d:\n", cond->pattern, count);
  else
    fprintf(out, "expected %s %d line%s matching /%s/, found %d%s\n",
            cond->kind == COND_EXACTLY ? "exactly" : "at least", cond->count,
            cond->count == 1 ? "" : "s", cond->pattern, count, count ? ":" : "");
  if (count > 0)
    each_match(&cond->re, text, out, QUOTE_MAX);
  if (count > QUOTE_MAX)
    fprintf(out, "  (%d more)\n", count - QUOTE_MAX);
  if (count == 0)
    quote_tail(out, text);
  fclose(out);
  return false;
}
