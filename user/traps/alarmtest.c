// alarmtest: checks sigalarm and sigreturn (the traps lab). Each test runs in
// a child of its own, which ends with a status saying what it saw, so a test
// that crashes or corrupts its registers cannot take the next test with it;
// the parent prints one tagged verdict line per test:
//   test0: the handler is called;
//   test1: it is called many times, the interrupted code resumes with every
//          register it had but a0 (user/traps/spin.S), and sigalarm(0, 0)
//          stops it;
//   test2: a handler still running is not started again;
//   test3: a0 is unchanged across an alarm (sigreturn returns the saved a0).
#include "kernel/types.h"
#include "kernel/riscv.h"
#include "user/user.h"
#include "user/tag.h"
#include "user/traps/spin.h"

// The time CSR counts at 10 MHz on QEMU virt.
#define SECONDS(n) ((uint64)(n)*10000000)

// How a test child ends: OK, or what went wrong.
enum {
  OK = 0,
  NEVER_CALLED = 1, // no alarm before the deadline
  TOO_FEW = 2,      // fewer calls than asked for before the deadline
  NOT_STOPPED = 3,  // calls went on after sigalarm(0, 0)
  REENTERED = 4,    // the handler started while it was still running
  A0_CHANGED = 5,
  SP_CHANGED = 6,
  REFUSED = 7,  // sigalarm or sigreturn returned -1
  CALLED = 8,   // test0's handler ends the child with this
  REG_BASE = 9, // REG_BASE + i: the i-th register of spin.h changed
};

static volatile int count;      // handler calls so far
static volatile int in_handler; // test2: the handler is running

// Busy for this many ticks of the time CSR, in user mode, where an alarm
// can land.
static void spin_for(uint64 ticks)
{
  uint64 end = r_time() + ticks;
  while (r_time() < end)
    ;
}

static void handler0(void)
{
  exit(CALLED);
}

static void count_and_return(void)
{
  count++;
  sigreturn();
}

// Runs for longer than the interval between two alarms: a kernel that
// starts it again meanwhile is caught by the flag.
static void slow_handler(void)
{
  if (in_handler)
    exit(REENTERED);
  in_handler = 1;
  spin_for(SECONDS(1) / 2);
  exit(OK);
}

static int test0(void)
{
  if (sigalarm(2, handler0) < 0)
    return REFUSED;
  spin_for(SECONDS(5));
  return NEVER_CALLED;
}

static int spin_result(int r)
{
  if (r == 0)
    return OK;
  if (r == 1)
    return count == 0 ? NEVER_CALLED : TOO_FEW;
  if (r == 2)
    return SP_CHANGED;
  return REG_BASE + r - 3;
}

static int test1(void)
{
  if (sigalarm(1, count_and_return) < 0)
    return REFUSED;
  int r = spin_result(alarm_spin_regs(&count, 10, r_time() + SECONDS(10)));
  if (sigalarm(0, 0) < 0)
    return REFUSED;
  if (r != OK)
    return r;
  int stopped = count;
  spin_for(SECONDS(1) / 2);
  return count == stopped ? OK : NOT_STOPPED;
}

static int test2(void)
{
  if (sigalarm(1, slow_handler) < 0)
    return REFUSED;
  spin_for(SECONDS(5));
  return NEVER_CALLED;
}

static int test3(void)
{
  if (sigalarm(1, count_and_return) < 0)
    return REFUSED;
  int r = alarm_spin_a0(&count, 3, r_time() + SECONDS(5));
  sigalarm(0, 0);
  if (r == 1)
    return count == 0 ? NEVER_CALLED : TOO_FEW;
  return r == 2 ? A0_CHANGED : OK;
}

static const char *reg_names[] = {"ra", "s0", "s1", "s2",  "s3",  "s4", "s5", "s6",
                                  "s7", "s8", "s9", "s10", "s11", "t0", "t1", "t2",
                                  "a1", "a2", "a3", "a4",  "a5",  "a6", "a7"};

// Why a child's status means failure, in words.
static const char *reason(int status)
{
  static const char *const why[] = {
      [NEVER_CALLED] = "the handler was never called",
      [TOO_FEW] = "the handler was called too few times",
      [NOT_STOPPED] = "the handler was called after sigalarm(0, 0)",
      [REENTERED] = "the handler was started again while it was running",
      [A0_CHANGED] = "a0 changed across the alarm",
      [SP_CHANGED] = "sp changed across the alarm",
      [REFUSED] = "sigalarm or sigreturn returned -1",
      [CALLED] = "the handler was called where it should not have been",
  };
  int nregs = sizeof(reg_names) / sizeof(reg_names[0]);
  if (status >= REG_BASE && status < REG_BASE + nregs)
    return "a register changed across the alarm";
  if (status > 0 && status < REG_BASE && why[status])
    return why[status];
  return "the test process crashed or was killed";
}

// Run one test in a child; `passed` is the status that means it passed.
static int run(const char *name, int (*test)(void), int passed)
{
  printf("%s start\n", name);
  int pid = fork();
  if (pid < 0) {
    tag_line(name, " failed: fork failed", (char *)0);
    return 1;
  }
  if (pid == 0)
    exit(test());
  int status = -1;
  wait(&status);
  if (status == passed) {
    tag_line(name, " passed", (char *)0);
    return 0;
  }
  if (status >= REG_BASE && status < REG_BASE + (int)(sizeof(reg_names) / sizeof(reg_names[0])))
    printf("%s: register %s changed\n", name, reg_names[status - REG_BASE]);
  tag_line(name, " failed: ", reason(status), (char *)0);
  return 1;
}

int main(void)
{
  int failed = 0;
  failed += run("test0", test0, CALLED);
  failed += run("test1", test1, OK);
  failed += run("test2", test2, OK);
  failed += run("test3", test3, OK);
  printf("alarmtest: %d of 4 tests failed\n", failed);
  exit(failed ? 1 : 0);
}
