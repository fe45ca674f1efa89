/* Reading forkbench -t back from the console: the header row says where the
 * table starts, and the first line that is not five tab-separated fields
 * (the shell's next prompt, usually) says where it ends. */
#define _GNU_SOURCE
#include "grader/matrix/bench.h"

#include <stdlib.h>
#include <string.h>

const char *const bench_column_names[BENCH_NCOLS] = {"fork_wait", "fork_exec", "fork_touch",
                                                     "copied_exec"};

/* One field: a non-negative number, or "-" for a cell not measured. */
static bool parse_field(const char *s, size_t n, double *value, bool *have)
{
  if (n == 1 && s[0] == '-') {
    *have = false;
    return true;
  }
  char buf[64], *end;
  if (n == 0 || n >= sizeof buf)
    return false;
  memcpy(buf, s, n);
  buf[n] = '\0';
  *value = strtod(buf, &end);
  *have = true;
  return *end == '\0' && *value >= 0;
}

/* One line of exactly 1 + BENCH_NCOLS fields, the first a whole size. */
static bool parse_row(const char *line, size_t len, struct bench_row *row)
{
  const char *s = line, *stop = line + len;
  for (int f = 0; f <= BENCH_NCOLS; f++) {
    const char *tab = memchr(s, '\t', (size_t)(stop - s));
    const char *end = tab ? tab : stop;
    if ((f < BENCH_NCOLS) != (tab != NULL))
      return false;
    double v;
    bool have;
    if (!parse_field(s, (size_t)(end - s), &v, &have))
      return false;
    if (f == 0) {
      if (!have || v != (int)v || v <= 0)
        return false;
      row->size_mib = (int)v;
    } else {
      row->value[f - 1] = have ? v : 0;
      row->have[f - 1] = have;
    }
    s = end + 1;
  }
  return true;
}

int bench_parse(const char *console, struct bench_table *t)
{
  t->nrows = 0;
  const char *line = console;
  size_t hlen = strlen(BENCH_HEADER);
  /* The header must be a whole line, not the echo of a command. */
  while (line &&
         !(strncmp(line, BENCH_HEADER, hlen) == 0 && (line[hlen] == '\n' || line[hlen] == '\0'))) {
    line = strchr(line, '\n');
    line = line ? line + 1 : NULL;
  }
  if (!line)
    return -1;
  line += hlen + (line[hlen] == '\n');
  while (*line && t->nrows < BENCH_MAX_ROWS) {
    const char *eol = strchr(line, '\n');
    size_t len = eol ? (size_t)(eol - line) : strlen(line);
    if (!parse_row(line, len, &t->rows[t->nrows]))
      break;
    t->nrows++;
    line += len + (eol != NULL);
  }
  return t->nrows > 0 ? t->nrows : -1;
}

const struct bench_row *bench_find(const struct bench_table *t, int size_mib)
{
  for (int i = 0; i < t->nrows; i++)
    if (t->rows[i].size_mib == size_mib)
      return &t->rows[i];
  return NULL;
}
