// Alarms (traps lab): sigalarm(ticks, handler) makes a process run handler
// after every ticks ticks of CPU time it spends in user mode, and the
// handler's sigreturn() resumes the interrupted code. The policy is a
// mechanism with siblings in proc/alarm/ (correct.c and the broken-on-purpose
// ones, each naming its symptom); Meson links exactly one into a kernel.
#pragma once

#include "kernel/types.h"
#include "kernel/proc/proc.h"

// A timer interrupt found p running in user mode: one tick of its CPU time.
// Called by usertrap() just before it returns to user mode, so a sibling
// that starts the handler does it by pointing the trapframe's epc at it.
void alarm_tick(struct proc *p);

// The system calls, in the dispatch table of proc/syscall.c:
// sigalarm(int ticks, void (*handler)()) and sigreturn(void).
uint64 sys_sigalarm(void);
uint64 sys_sigreturn(void);

// No alarm: a new process slot, and an exec, whose old handler address means
// nothing in the new image.
static inline void alarm_clear(struct proc *p)
{
  p->alarm.interval = 0;
  p->alarm.elapsed = 0;
  p->alarm.handler = 0;
  p->alarm.running = 0;
}
