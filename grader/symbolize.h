/* Kernel backtraces in a console, symbolized: the `backtrace:` lines the
 * kernel prints (backtrace() in sys_sleep, and every panic) are followed by
 * return addresses, one per line as 0x%016x; this module names each one's
 * function, file and line from the graded kernel's ELF symbol table and DWARF
 * line table, read with elfutils' libdwfl. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "grader/match.h"
#include "grader/rubric.h"

struct symbolizer;

/* What one return address resolves to. The lookup is for ra - 1, the call
 * instruction, so a call that is its function's last instruction is not
 * taken for the next function. */
struct sym_frame {
  uint64_t addr;
  bool found;        /* function is known (the address is inside the kernel's text) */
  char function[96]; /* "" when not found */
  char file[160];    /* as the tree names it ("kernel/proc/sysproc.c"); "" when unknown */
  int line;          /* 0 when unknown */
};

/* Opens a kernel ELF for lookups; NULL with a message in err when it cannot
 * be read or has no symbols. */
struct symbolizer *symbolize_open(const char *elf_path, char *err, size_t errlen);
void symbolize_close(struct symbolizer *s);
void symbolize_addr(struct symbolizer *s, uint64_t addr, struct sym_frame *out);

/* "0x0000000080005724 sys_sleep (kernel/proc/sysproc.c:63)" */
void symbolize_format(const struct sym_frame *f, char *buf, size_t len);

/* The file name as the tree names it: leading "./" and "../" removed, and an
 * absolute path cut to its last "kernel/" or "user/" part. */
const char *symbolize_tree_path(const char *path);

/* The return addresses under the first `backtrace:` line at or after line
 * index *from (0-based) and before `to`: fills addrs (up to max) and sets
 * *from to the index of that `backtrace:` line. Returns how many addresses,
 * or -1 when there is no further backtrace. */
int symbolize_next_backtrace(const struct match_console *mc, int *from, int to, uint64_t *addrs,
                             int max);

/* Every backtrace in a console transcript, symbolized with `kernel`, as text
 * for a report ("backtrace at console line 12, symbolized from KERNEL:" and
 * one indented line per frame); NULL when the transcript has none. */
char *symbolize_console(const char *kernel, const char *text);

/* The rubric condition `backtrace through: F ...`: holds when some backtrace
 * in the range, symbolized with `kernel`, begins with the functions cond
 * names, in order ("..." stands for any number of frames). On failure *why
 * gets the expected functions and the backtraces as they were symbolized. */
bool symbolize_cond(const struct rubric_cond *cond, const struct match_console *mc,
                    struct match_range range, const char *kernel, char **why);
