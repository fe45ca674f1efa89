/* The symbolizer (grader/symbolize.c) on a kernel built in this tree: the
 * addresses come from its symbol table as riscv64-unknown-elf-nm prints it,
 * and the symbolizer must name the same functions, with the files the tree
 * has them in. Also the `backtrace through:` condition on transcripts made of
 * those addresses, and the symbolized report of a panic's backtrace. */
#define _GNU_SOURCE
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grader/match.h"
#include "grader/rubric.h"
#include "grader/symbolize.h"

/* The address of `name` in KERNEL, from nm. */
static unsigned long long nm_address(const char *name)
{
  char cmd[600], line[256];
  snprintf(cmd, sizeof cmd, "%s %s", NM, KERNEL);
  FILE *p = popen(cmd, "r");
  cr_assert_not_null(p);
  unsigned long long found = 0, addr;
  char type, sym[200];
  while (fgets(line, sizeof line, p))
    if (sscanf(line, "%llx %c %199s", &addr, &type, sym) == 3 && strcmp(sym, name) == 0)
      found = addr;
  pclose(p);
  cr_assert_neq(found, 0, "nm found no %s in %s", name, KERNEL);
  return found;
}

Test(symbolize, an_address_inside_a_function_names_it_its_file_and_a_line)
{
  char err[256];
  struct symbolizer *s = symbolize_open(KERNEL, err, sizeof err);
  cr_assert_not_null(s, "%s", err);
  struct {
    const char *function, *file;
  } known[] = {{"sys_sleep", "kernel/proc/sysproc.c"},
               {"syscall", "kernel/proc/syscall.c"},
               {"usertrap", "kernel/arch/trap.c"},
               {"backtrace_walk", "kernel/lib/backtrace.c"}};
  for (size_t i = 0; i < sizeof known / sizeof known[0]; i++) {
    struct sym_frame f;
    symbolize_addr(s, nm_address(known[i].function) + 8, &f);
    cr_assert(f.found, "%s", known[i].function);
    cr_assert_str_eq(f.function, known[i].function);
    cr_assert_str_eq(f.file, known[i].file);
    cr_assert_gt(f.line, 0);
  }
  symbolize_close(s);
}

Test(symbolize, an_address_outside_the_kernel_is_said_to_be_so)
{
  char err[256], buf[320];
  struct symbolizer *s = symbolize_open(KERNEL, err, sizeof err);
  cr_assert_not_null(s, "%s", err);
  struct sym_frame f;
  symbolize_addr(s, 0x10, &f);
  cr_assert_not(f.found);
  symbolize_format(&f, buf, sizeof buf);
  cr_assert_str_eq(buf, "0x0000000000000010 (not in the kernel's text)");
  symbolize_close(s);
}

Test(symbolize, a_file_that_is_not_an_elf_kernel_is_refused_with_a_reason)
{
  char err[256] = "";
  cr_assert_null(symbolize_open(SOURCE_ROOT "/README.md", err, sizeof err));
  cr_assert(strstr(err, "README.md"), "%s", err);
}

Test(symbolize, tree_paths_lose_the_build_directory_and_absolute_prefixes)
{
  cr_assert_str_eq(symbolize_tree_path("../kernel/proc/sysproc.c"), "kernel/proc/sysproc.c");
  cr_assert_str_eq(symbolize_tree_path("./../kernel/arch/trap.c"), "kernel/arch/trap.c");
  cr_assert_str_eq(symbolize_tree_path("/home/s/rvlab/build/../kernel/lib/printf.c"),
                   "kernel/lib/printf.c");
  cr_assert_str_eq(symbolize_tree_path("/usr/lib/gcc/x.c"), "/usr/lib/gcc/x.c");
}

/* A console as sys_sleep's backtrace prints it: the call sites in sys_sleep,
 * syscall and usertrap, with the console lines around it. */
static char *sleep_transcript(const char *first, const char *second, const char *third)
{
  char *text = NULL;
  cr_assert_geq(asprintf(&text,
                         "$ bttest\nbacktrace:\n0x%016llx\n0x%016llx\n0x%016llx\n"
                         "bttest: back from sleep\n$ poweroff\n",
                         nm_address(first) + 8, nm_address(second) + 8, nm_address(third) + 8),
                0);
  return text;
}

Test(symbolize, a_transcripts_backtraces_are_symbolized_for_the_report)
{
  char *text = sleep_transcript("sys_sleep", "syscall", "usertrap");
  char *out = symbolize_console(KERNEL, text);
  cr_assert_not_null(out);
  cr_assert(strstr(out, "backtrace at console line 2, symbolized from " KERNEL ":\n"), "%s", out);
  cr_assert(strstr(out, " sys_sleep (kernel/proc/sysproc.c:"), "%s", out);
  cr_assert(strstr(out, " syscall (kernel/proc/syscall.c:"), "%s", out);
  cr_assert(strstr(out, " usertrap (kernel/arch/trap.c:"), "%s", out);
  free(out);
  cr_assert_null(symbolize_console(KERNEL, "$ ls\nREADME\n"));
  free(text);
}

Test(symbolize, a_panics_backtrace_after_its_panic_line_is_symbolized)
{
  char *text = NULL;
  cr_assert_geq(asprintf(&text, "init: starting sh\n\npanic: init exiting\nbacktrace:\n0x%016llx\n",
                         nm_address("proc_exit") + 8),
                0);
  char *out = symbolize_console(KERNEL, text);
  cr_assert(out && strstr(out, "line 4, symbolized from"), "%s", out);
  cr_assert(strstr(out, " proc_exit (kernel/proc/proc.c:"), "%s", out);
  free(out);
  free(text);
}

/* The condition `backtrace through: WORDS` on `text`. */
static bool through(const char *words, const char *text, char **why)
{
  struct rubric r;
  char rubric[300], err[256];
  snprintf(rubric, sizeof rubric, "run a\ncheck c 1\n  backtrace through: %s\n", words);
  cr_assert_eq(rubric_parse(&r, "t", rubric, err, sizeof err), 0, "%s", err);
  struct match_console mc;
  match_console_init(&mc, text, NULL);
  bool held =
      symbolize_cond(&r.checks[0].conds[0], &mc, (struct match_range){0, mc.n}, KERNEL, why);
  match_console_free(&mc);
  rubric_free(&r);
  return held;
}

Test(symbolize, backtrace_through_holds_for_the_first_frames_in_order)
{
  char *text = sleep_transcript("sys_sleep", "syscall", "usertrap");
  cr_assert(through("sys_sleep syscall usertrap", text, NULL));
  cr_assert(through("sys_sleep syscall", text, NULL));
  cr_assert(through("... usertrap", text, NULL));
  cr_assert(through("sys_sleep ... usertrap", text, NULL));
  char *why = NULL;
  cr_assert_not(through("syscall usertrap", text, &why));
  cr_assert(why && strstr(why, "expected a backtrace through: syscall usertrap\n"), "%s", why);
  cr_assert(strstr(why, " sys_sleep (kernel/proc/sysproc.c:"), "%s", why);
  free(why);
  free(text);
}

Test(symbolize, backtrace_through_fails_on_frames_in_the_wrong_order_or_no_backtrace)
{
  char *text = sleep_transcript("syscall", "sys_sleep", "usertrap");
  cr_assert_not(through("sys_sleep syscall usertrap", text, NULL));
  free(text);
  char *why = NULL;
  cr_assert_not(through("sys_sleep", "$ bttest\nbttest: back from sleep\n", &why));
  cr_assert(why && strstr(why, "no line 'backtrace:' was printed"), "%s", why);
  free(why);
}

Test(symbolize, a_backtrace_printed_many_times_is_shown_once)
{
  char *one = sleep_transcript("sys_sleep", "syscall", "usertrap");
  char *text = NULL;
  cr_assert_geq(asprintf(&text, "%s%s%s", one, one, one), 0);
  char *out = symbolize_console(KERNEL, text);
  cr_assert_not_null(out);
  const char *first = strstr(out, " sys_sleep (");
  cr_assert(first && !strstr(first + 1, " sys_sleep ("), "%s", out);
  cr_assert(strstr(out, "(2 more backtraces repeat one shown above)\n"), "%s", out);
  free(out);
  free(text);
  free(one);
}
