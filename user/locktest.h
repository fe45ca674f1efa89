// What the lock lab's test programs (kalloctest, bcachetest) share: reading
// the spin count from the lock statistics, waiting for their children, and
// running the tests named on the command line.
#pragma once

// One test of a program: its name on the command line and its body.
struct locktest {
  const char *name;
  void (*fn)(void);
};

// The failed test-and-sets on kmem and bcache locks since boot: the number
// after the first '=' of the statistics text (its last line, `tot= N`).
// With print set, the whole text is printed first. Exits the program, with
// a message naming prog, if there are no statistics.
int locktest_spins(const char *prog, int print);

// Wait for n children; 1 if every one exited with status 0.
int locktest_wait(int n);

// Run the tests named in argv in the order of tests, or every one with no
// arguments, then exit 0. An unknown name prints a usage line naming every
// test and exits 2 before any test runs.
void locktest_main(const char *prog, const struct locktest *tests, int ntests, int argc,
                   char **argv) __attribute__((noreturn));
