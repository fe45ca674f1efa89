// Alarms: every interval ticks of CPU time the process runs its handler;
// sigreturn resumes the interrupted code exactly as it was.
//
// The traps lab: write these three functions (docs/labs/traps.md, "Alarm").
// The process's alarm state is struct alarm in kernel/proc/proc.h.
#include "kernel/types.h"
#include "kernel/proc/proc.h"
#include "kernel/proc/sysargs.h"
#include "kernel/proc/alarm.h"

// sigalarm(ticks, handler): 0, or -1 for a negative ticks. sigalarm(0, 0)
// stops the alarm.
uint64 sys_sigalarm(void)
{
  // Your code here: fetch the arguments (argint, argaddr) and remember them.
  return -1;
}

void alarm_tick(struct proc *p)
{
  // Your code here: count the tick; when the alarm is due, arrange for the
  // process to return to user mode in its handler.
  (void)p;
}

// sigreturn(): resume where the alarm interrupted the process.
uint64 sys_sigreturn(void)
{
  // Your code here.
  return -1;
}
