/* Symbolizing kernel backtraces (symbolize.h) with elfutils' libdwfl: the
 * function from the ELF symbol table, the file and line from the DWARF line
 * table of the kernel that was graded. No DWARF is parsed here. */
#define _GNU_SOURCE
#include "grader/symbolize.h"

#include <ctype.h>
#include <elfutils/libdwfl.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* At most MAX_FRAMES addresses of one backtrace are read, and a report shows
 * at most MAX_SHOWN different backtraces of one console: a kernel that
 * prints one per sleep (the traps lab's) prints hundreds in usertests. */
enum { MAX_FRAMES = 64, MAX_SHOWN = 8 };

struct symbolizer {
  Dwfl *dwfl;
};

/* The kernel is an ELF file on its own (ET_EXEC, linked at its load address),
 * so libdwfl reports it "offline" and needs no process or build-id lookup. */
static char *debuginfo_path = NULL;
static const Dwfl_Callbacks offline_callbacks = {
    .find_elf = dwfl_build_id_find_elf,
    .find_debuginfo = dwfl_standard_find_debuginfo,
    .section_address = dwfl_offline_section_address,
    .debuginfo_path = &debuginfo_path,
};

struct symbolizer *symbolize_open(const char *elf_path, char *err, size_t errlen)
{
  Dwfl *dwfl = dwfl_begin(&offline_callbacks);
  if (!dwfl) {
    snprintf(err, errlen, "libdwfl: %s", dwfl_errmsg(-1));
    return NULL;
  }
  if (!dwfl_report_offline(dwfl, "kernel", elf_path, -1)) {
    snprintf(err, errlen, "cannot read %s: %s", elf_path, dwfl_errmsg(-1));
    dwfl_end(dwfl);
    return NULL;
  }
  dwfl_report_end(dwfl, NULL, NULL);
  struct symbolizer *s = malloc(sizeof *s);
  if (!s) {
    dwfl_end(dwfl);
    snprintf(err, errlen, "out of memory");
    return NULL;
  }
  s->dwfl = dwfl;
  return s;
}

void symbolize_close(struct symbolizer *s)
{
  if (!s)
    return;
  dwfl_end(s->dwfl);
  free(s);
}

const char *symbolize_tree_path(const char *path)
{
  while (strncmp(path, "./", 2) == 0 || strncmp(path, "../", 3) == 0)
    path += path[1] == '/' ? 2 : 3;
  if (path[0] != '/')
    return path;
  const char *best = NULL;
  for (const char *p = path; (p = strchr(p, '/')) != NULL; p++)
    if (strncmp(p, "/kernel/", 8) == 0 || strncmp(p, "/user/", 6) == 0)
      best = p + 1;
  return best ? best : path;
}

void symbolize_addr(struct symbolizer *s, uint64_t addr, struct sym_frame *out)
{
  memset(out, 0, sizeof *out);
  out->addr = addr;
  Dwarf_Addr at = addr - 1;
  Dwfl_Module *mod = addr ? dwfl_addrmodule(s->dwfl, at) : NULL;
  const char *name = mod ? dwfl_module_addrname(mod, at) : NULL;
  if (!name)
    return;
  out->found = true;
  snprintf(out->function, sizeof out->function, "%s", name);
  Dwfl_Line *line = dwfl_module_getsrc(mod, at);
  int lineno = 0;
  const char *file = line ? dwfl_lineinfo(line, NULL, &lineno, NULL, NULL, NULL) : NULL;
  if (file) {
    snprintf(out->file, sizeof out->file, "%s", symbolize_tree_path(file));
    out->line = lineno;
  }
}

void symbolize_format(const struct sym_frame *f, char *buf, size_t len)
{
  if (!f->found)
    snprintf(buf, len, "0x%016llx (not in the kernel's text)", (unsigned long long)f->addr);
  else if (!f->file[0])
    snprintf(buf, len, "0x%016llx %s", (unsigned long long)f->addr, f->function);
  else
    snprintf(buf, len, "0x%016llx %s (%s:%d)", (unsigned long long)f->addr, f->function, f->file,
             f->line);
}

/* A line is `backtrace:`, or one address, give or take blanks around it. */
static bool is_backtrace_line(const char *s)
{
  while (isblank((unsigned char)*s))
    s++;
  size_t n = strlen("backtrace:");
  if (strncmp(s, "backtrace:", n) != 0)
    return false;
  for (s += n; isblank((unsigned char)*s); s++)
    ;
  return *s == '\0';
}

static bool parse_address(const char *s, uint64_t *out)
{
  while (isblank((unsigned char)*s))
    s++;
  if (s[0] != '0' || (s[1] != 'x' && s[1] != 'X') || !isxdigit((unsigned char)s[2]))
    return false;
  char *end;
  unsigned long long v = strtoull(s + 2, &end, 16);
  if (end - (s + 2) > 16)
    return false;
  while (isblank((unsigned char)*end))
    end++;
  if (*end != '\0')
    return false;
  *out = v;
  return true;
}

int symbolize_next_backtrace(const struct match_console *mc, int *from, int to, uint64_t *addrs,
                             int max)
{
  for (int i = *from; i < to; i++) {
    if (!is_backtrace_line(mc->lines[i].text))
      continue;
    int n = 0;
    for (int j = i + 1; j < to && n < max && parse_address(mc->lines[j].text, &addrs[n]); j++)
      n++;
    *from = i;
    return n;
  }
  return -1;
}

/* One backtrace, symbolized, onto f; frames[] (if not NULL) gets the frames. */
static void write_backtrace(FILE *f, struct symbolizer *s, const uint64_t *addrs, int n,
                            struct sym_frame *frames)
{
  if (n == 0)
    fputs("    (no return addresses followed it)\n", f);
  for (int k = 0; k < n; k++) {
    struct sym_frame fr;
    char buf[320];
    symbolize_addr(s, addrs[k], &fr);
    symbolize_format(&fr, buf, sizeof buf);
    fprintf(f, "    %s\n", buf);
    if (frames)
      frames[k] = fr;
  }
}

/* Whether a backtrace is one of those already shown. */
static bool shown_before(uint64_t shown[][MAX_FRAMES], const int *nshown, int count,
                         const uint64_t *addrs, int n)
{
  for (int k = 0; k < count; k++)
    if (nshown[k] == n && memcmp(shown[k], addrs, (size_t)n * sizeof addrs[0]) == 0)
      return true;
  return false;
}

char *symbolize_console(const char *kernel, const char *text)
{
  struct match_console mc;
  match_console_init(&mc, text, NULL);
  char *out = NULL, err[512];
  size_t len = 0;
  FILE *f = NULL;
  struct symbolizer *s = NULL;
  uint64_t addrs[MAX_FRAMES], shown[MAX_SHOWN][MAX_FRAMES];
  int n, nshown[MAX_SHOWN], count = 0, repeats = 0, unshown = 0;
  for (int at = 0; (n = symbolize_next_backtrace(&mc, &at, mc.n, addrs, MAX_FRAMES)) >= 0; at++) {
    if (shown_before(shown, nshown, count, addrs, n)) {
      repeats++;
      continue;
    }
    if (count == MAX_SHOWN) {
      unshown++;
      continue;
    }
    memcpy(shown[count], addrs, (size_t)n * sizeof addrs[0]);
    nshown[count++] = n;
    if (!f) {
      f = open_memstream(&out, &len);
      s = kernel ? symbolize_open(kernel, err, sizeof err) : NULL;
    }
    if (!f)
      break;
    if (s) {
      fprintf(f, "backtrace at console line %d, symbolized from %s:\n", at + 1, kernel);
      write_backtrace(f, s, addrs, n, NULL);
    } else {
      fprintf(f, "backtrace at console line %d, not symbolized (%s)\n", at + 1,
              kernel ? err : "no kernel given");
    }
  }
  if (f && repeats)
    fprintf(f, "(%d more backtraces repeat one shown above)\n", repeats);
  if (f && unshown)
    fprintf(f, "(%d more different backtraces are not shown; the log has them)\n", unshown);
  if (f)
    fclose(f);
  symbolize_close(s);
  match_console_free(&mc);
  return out;
}

/* Whether frames begin with the names of pattern ("..." matches any run of
 * frames, including none). */
static bool frames_match(char *const *pattern, int np, const struct sym_frame *frames, int nf)
{
  if (np == 0)
    return true;
  if (strcmp(pattern[0], "...") == 0) {
    for (int skip = 0; skip <= nf; skip++)
      if (frames_match(pattern + 1, np - 1, frames + skip, nf - skip))
        return true;
    return false;
  }
  return nf > 0 && frames[0].found && strcmp(frames[0].function, pattern[0]) == 0 &&
         frames_match(pattern + 1, np - 1, frames + 1, nf - 1);
}

bool symbolize_cond(const struct rubric_cond *cond, const struct match_console *mc,
                    struct match_range range, const char *kernel, char **why)
{
  char err[512] = "no kernel given";
  struct symbolizer *s = kernel && kernel[0] ? symbolize_open(kernel, err, sizeof err) : NULL;
  char *out = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&out, &len);
  if (!f) {
    symbolize_close(s);
    return false;
  }
  fprintf(f, "expected a backtrace through: %s\n", cond->pattern);
  bool held = false, any = false;
  uint64_t addrs[MAX_FRAMES];
  struct sym_frame frames[MAX_FRAMES];
  int n;
  for (int at = range.from;
       s && !held && (n = symbolize_next_backtrace(mc, &at, range.to, addrs, MAX_FRAMES)) >= 0;
       at++) {
    any = true;
    fprintf(f, "backtrace at line %d, symbolized from %s:\n", at + 1, kernel);
    write_backtrace(f, s, addrs, n, frames);
    held = frames_match(cond->functions, cond->nfunctions, frames, n);
  }
  if (!s)
    fprintf(f, "but the kernel's symbols could not be read: %s\n", err);
  else if (!any)
    fputs("but no line 'backtrace:' was printed\n", f);
  fclose(f);
  symbolize_close(s);
  if (held || !why)
    free(out);
  else
    *why = out;
  return held;
}
