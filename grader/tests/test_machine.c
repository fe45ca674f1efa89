/* Tests of the one machine's definition (grader/machine.c): its defaults
 * and the QEMU command line every way of running rvlab takes from it, and
 * of the quoting bounds (grader/quote.c) that a run's quoted lines obey. */
#define _GNU_SOURCE
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grader/console.h"
#include "grader/machine.h"
#include "grader/quote.h"

/* The index of word w in argv, or -1. */
static int find(char *const *argv, const char *w)
{
  for (int i = 0; argv[i]; i++)
    if (strcmp(argv[i], w) == 0)
      return i;
  return -1;
}

Test(machine, defaults_are_the_configured_machines)
{
  struct qemu_config cfg = {0};
  machine_defaults(&cfg);
  cr_expect_str_eq(cfg.qemu, "qemu-system-riscv64");
  cr_expect_str_eq(cfg.memory, "128M");
  cr_expect_eq(cfg.cpus, 3);
}

Test(machine, argv_boots_the_kernel_on_the_image_with_the_given_ram_and_harts)
{
  struct qemu_config cfg = {.qemu = "q", .kernel = "k.elf", .memory = "256M", .cpus = 2};
  struct machine_argv m;
  machine_argv(&cfg, "/tmp/run.img", &m);
  cr_assert_str_eq(m.argv[0], "q");
  int i = find(m.argv, "-m"), j = find(m.argv, "-smp"), k = find(m.argv, "-kernel");
  cr_assert(i > 0 && j > 0 && k > 0);
  cr_expect_str_eq(m.argv[i + 1], "256M");
  cr_expect_str_eq(m.argv[j + 1], "2");
  cr_expect_str_eq(m.argv[k + 1], "k.elf");
  cr_expect_str_eq(m.argv[find(m.argv, "-machine") + 1], "virt");
  cr_expect_str_eq(m.argv[find(m.argv, "-bios") + 1], "none");
  cr_expect_str_eq(m.argv[find(m.argv, "-drive") + 1],
                   "file=/tmp/run.img,if=none,format=raw,id=x0");
  cr_expect_geq(find(m.argv, "virtio-blk-device,drive=x0,bus=virtio-mmio-bus.0"), 0);
  cr_expect_geq(find(m.argv, "-nographic"), 0);
}

/* A kernel that prints without a newline must not make an explanation
 * without end: the tail a run's verdict quotes cuts every line. */
Test(quote, a_runs_tail_cuts_each_line_to_the_bound)
{
  struct console c;
  console_init(&c);
  size_t n = 10 * QUOTE_LINE_LEN;
  char *flood = malloc(n);
  memset(flood, 'y', n);
  console_feed(&c, "boot\n", 5);
  console_feed(&c, flood, n);
  char *tail = console_tail(&c, c.len, QUOTE_LINES);
  cr_expect(strstr(tail, "  boot\n"), "%s", tail);
  cr_expect(strstr(tail, " ... (1440 more characters)\n"), "%s", tail);
  cr_expect_lt(strlen(tail), 2 * QUOTE_LINE_LEN);
  free(tail);
  free(flood);
  console_free(&c);
}

Test(quote, reasons_are_the_lines_that_say_a_test_failed)
{
  cr_expect(quote_says_why("simple: FAILED"));
  cr_expect(quote_says_why("forktree: ufork failed"));
  cr_expect(quote_says_why("pid 5 (sh): killed: store page fault"));
  cr_expect(quote_says_why("exec: error 2"));
  cr_expect_not(quote_says_why("three: ok"));
}
