// Alarms, broken on purpose: sigreturn restores every register but returns 0,
// which syscall() stores in a0, so the interrupted code finds a0 changed.
// Symptom: alarmtest's test3 fails (a0 changed across the alarm).
#include "kernel/types.h"
#include "kernel/proc/proc.h"
#include "kernel/proc/sysargs.h"
#include "kernel/proc/alarm.h"

// sigalarm(ticks, handler): 0, or -1 for a negative ticks. sigalarm(0, 0)
// stops the alarm.
uint64 sys_sigalarm(void)
{
  int ticks;
  uint64 handler;
  argint(0, &ticks);
  argaddr(1, &handler);
  if (ticks < 0)
    return -1;
  struct alarm *a = &myproc()->alarm;
  a->interval = ticks;
  a->handler = handler;
  a->elapsed = 0;
  return 0;
}

void alarm_tick(struct proc *p)
{
  struct alarm *a = &p->alarm;
  if (a->interval == 0 || a->running)
    return;
  if (++a->elapsed < a->interval)
    return;
  a->elapsed = 0;
  a->saved = *p->trapframe;
  a->running = 1;
  p->trapframe->epc = a->handler;
}

// sigreturn(): resume where the alarm interrupted the process. syscall()
// stores the return value in a0, so returning the saved a0 keeps it as it
// was. -1 if no handler is running.
uint64 sys_sigreturn(void)
{
  struct proc *p = myproc();
  struct alarm *a = &p->alarm;
  if (!a->running)
    return -1;
  *p->trapframe = a->saved;
  a->running = 0;
  return 0;
}
