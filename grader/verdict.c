/* Verdict prose: what a run that did not complete says in words, with the
 * console lines that show it (bounded by grader/quote.h) and QEMU's stderr:
 * the text every check of the run quotes. */
#define _GNU_SOURCE
#include "grader/verdict.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "grader/quote.h"
#include "kernel/dev/poweroff.h" /* POWEROFF_PANIC_STATUS: how the kernel ends a panic */

static char *read_small_file(const char *path)
{
  char *text = NULL;
  size_t len = 0;
  FILE *out = open_memstream(&text, &len);
  FILE *in = fopen(path, "r");
  char line[512];
  for (int n = 0; in && n < 20 && fgets(line, sizeof line, in); n++)
    fprintf(out, "  %s%s", line, strchr(line, '\n') ? "" : "\n");
  if (in)
    fclose(in);
  fclose(out);
  return text;
}

static char *describe_status(int status)
{
  char *s = NULL;
  int rc = WIFSIGNALED(status) ? asprintf(&s, "killed by signal %d", WTERMSIG(status))
                               : asprintf(&s, "exited with status %d", WEXITSTATUS(status));
  return rc < 0 ? NULL : s;
}

/* A panic-looking line with no panic exit: said beside a hang or a timeout,
 * since a kernel whose panic spins instead of ending the machine shows this. */
static char *panic_note(struct console *con)
{
  char *out = NULL;
  if (!console_panicked(con, true))
    return strdup("");
  const char *line = con->text + con->panic_at;
  size_t len = strcspn(line, "\n");
  if (len > QUOTE_LINE_LEN)
    len = QUOTE_LINE_LEN;
  if (asprintf(&out,
               "a line '%.*s' was printed, but QEMU did not exit with the kernel's panic status "
               "(%d), so it is taken as output, not as a kernel panic\n",
               (int)len, line, POWEROFF_PANIC_STATUS) < 0)
    out = NULL;
  return out;
}

char *verdict_detail(enum run_verdict verdict, struct console *con, const char *how, int status,
                     const char *errpath, double idle, double elapsed)
{
  char *tail = console_tail(con, con->len, QUOTE_LINES);
  char *st = describe_status(status);
  char *err = read_small_file(errpath);
  char *detail = NULL;
  char *note = verdict == RUN_TIMEOUT || verdict == RUN_IDLE ? panic_note(con) : strdup("");
  int rc = 0;
  if (verdict == RUN_PANIC && con->panic_at >= 0) {
    /* Other harts may print after the panic line until QEMU stops: quote
     * up to the panic line, and say how much followed. */
    const char *eol = strchr(con->text + con->panic_at, '\n');
    size_t end = eol ? (size_t)(eol - con->text) + 1 : con->len;
    int after = 0;
    for (size_t i = end; i < con->len; i++)
      after += con->text[i] == '\n' || i + 1 == con->len;
    free(tail);
    tail = console_tail(con, end, QUOTE_LINES);
    rc = asprintf(&detail,
                  "the kernel panicked (QEMU exited with its panic status, %d); its last lines up "
                  "to the panic:\n%s%s",
                  POWEROFF_PANIC_STATUS, tail,
                  after ? "(more lines followed the panic line before QEMU stopped)\n" : "");
  } else if (verdict == RUN_PANIC) {
    rc = asprintf(&detail,
                  "QEMU exited with the kernel's panic status (%d), but no 'panic: ' line "
                  "was seen; last lines:\n%s",
                  POWEROFF_PANIC_STATUS, tail[0] ? tail : "  (no output at all)\n");
  } else if (verdict == RUN_IDLE) {
    rc = asprintf(&detail, "hang: no output for %.1f s; %s\n%slast lines:\n%s", idle, how, note,
                  tail[0] ? tail : "  (no output at all)\n");
  } else if (verdict == RUN_TIMEOUT) {
    rc = asprintf(&detail, "timed out after %.1fs; %s\n%slast lines:\n%s", elapsed, how, note,
                  tail[0] ? tail : "  (no output at all)\n");
  } else if (verdict == RUN_FLOOD) {
    rc = asprintf(&detail, "the console passed %d bytes, so the run was ended; %s\nlast lines:\n%s",
                  CONSOLE_MAX, how, tail);
  } else if (verdict == RUN_START_FAILED) {
    rc = asprintf(&detail, "QEMU %s before printing anything; its stderr:\n%s", st,
                  err[0] ? err : "  (empty)\n");
  } else if (verdict == RUN_EXITED) {
    rc = asprintf(&detail, "QEMU %s; %s\nlast lines:\n%s%s%s", st, how, tail,
                  err[0] ? "QEMU's stderr:\n" : "", err);
  }
  free(note);
  free(tail), free(st), free(err);
  return rc < 0 ? NULL : detail;
}
