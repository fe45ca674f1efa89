// Processes and CPUs: the process table, the scheduler, sleep and wakeup,
// and the process side of fork, exit, wait and kill.
#pragma once

#include "kernel/types.h"
#include "kernel/param.h"
#include "kernel/riscv.h"
#include "kernel/lib/spinlock.h"
#include "kernel/arch/csr.h" // r_tp(), for mycpu()

struct file;
struct inode;

// Callee-saved registers that swtch() saves and restores.
struct context {
  uint64 ra;
  uint64 sp;
  uint64 s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11;
};

// Per-hart state.
struct cpu {
  struct proc *proc;      // the process running on this cpu, or NULL
  struct context context; // swtch() here to enter scheduler()
  int noff;               // depth of push_off() nesting
  int intena;             // were interrupts enabled before push_off()?
};

extern struct cpu cpus[NCPU];

// The page where the trampoline saves a process's user registers on a trap,
// mapped at TRAPFRAME in the user page table. The offsets are used by
// arch/trampoline.S: change both together.
struct trapframe {
  /*   0 */ uint64 kernel_satp;   // kernel page table
  /*   8 */ uint64 kernel_sp;     // top of process's kernel stack
  /*  16 */ uint64 kernel_trap;   // usertrap()
  /*  24 */ uint64 epc;           // saved user program counter
  /*  32 */ uint64 kernel_hartid; // saved kernel tp
  /*  40 */ uint64 ra;
  /*  48 */ uint64 sp;
  /*  56 */ uint64 gp;
  /*  64 */ uint64 tp;
  /*  72 */ uint64 t0;
  /*  80 */ uint64 t1;
  /*  88 */ uint64 t2;
  /*  96 */ uint64 s0;
  /* 104 */ uint64 s1;
  /* 112 */ uint64 a0;
  /* 120 */ uint64 a1;
  /* 128 */ uint64 a2;
  /* 136 */ uint64 a3;
  /* 144 */ uint64 a4;
  /* 152 */ uint64 a5;
  /* 160 */ uint64 a6;
  /* 168 */ uint64 a7;
  /* 176 */ uint64 s2;
  /* 184 */ uint64 s3;
  /* 192 */ uint64 s4;
  /* 200 */ uint64 s5;
  /* 208 */ uint64 s6;
  /* 216 */ uint64 s7;
  /* 224 */ uint64 s8;
  /* 232 */ uint64 s9;
  /* 240 */ uint64 s10;
  /* 248 */ uint64 s11;
  /* 256 */ uint64 t3;
  /* 264 */ uint64 t4;
  /* 272 */ uint64 t5;
  /* 280 */ uint64 t6;
};

enum procstate { UNUSED, USED, SLEEPING, RUNNABLE, RUNNING, ZOMBIE };

// A process's user page-fault handler (proc/upcall.c): where faults go
// instead of killing it. Set by upcall_set(), cleared by exec, never
// inherited by fork.
struct upcall {
  int on;           // a handler is registered
  uint64 entry;     // user pc the kernel resumes at, frame address in a0
  uint64 xstacktop; // top of the one-page user exception stack
};

// A process's alarm (traps lab): sigalarm(interval, handler) and sigreturn,
// implemented by one sibling of proc/alarm/ (proc/alarm.h). Only the
// process's own thread touches it, in usertrap() and its system calls, so it
// needs no lock.
struct alarm {
  int interval;           // ticks of CPU time between calls; 0: no alarm
  int elapsed;            // ticks counted towards the next call
  uint64 handler;         // the handler's user address
  int running;            // the handler runs and has not called sigreturn yet
  struct trapframe saved; // the interrupted user registers, for sigreturn
};

struct proc {
  struct spinlock lock;

  // p->lock must be held when using these:
  enum procstate state; // process state
  void *chan;           // if non-NULL, sleeping on chan
  int killed;           // if non-zero, have been killed
  int xstate;           // exit status to be returned to parent's wait
  int pid;              // process ID

  // wait_lock (proc.c) must be held when using this:
  struct proc *parent; // parent process

  // Private to the process, so p->lock need not be held:
  uint64 kstack;               // virtual address of kernel stack
  uint64 sz;                   // size of process memory (bytes)
  pagetable_t pagetable;       // user page table
  struct trapframe *trapframe; // data page for trampoline.S
  struct usyscall *usyscall;   // page shared read-only at USYSCALL (usyscall.c)
  struct context context;      // swtch() here to run process
  struct file *ofile[NOFILE];  // open files
  struct inode *cwd;           // current directory
  char name[16];               // process name (debugging)
  struct upcall upcall;        // user page-fault handler, if any
  struct alarm alarm;          // sigalarm's handler and interval, if any
  int unstarted;               // made by exofork, waits for proc_start (p->lock)
  int tracemask;               // syscall lab: bit N traces system call N (proc/trace.h)
};

// This hart's struct cpu. Interrupts must be off, or the thread could
// migrate to another hart and use the wrong one. Inline, and reading tp
// itself (the hart id, as cpuid() does): every acquire and release asks,
// and under QEMU a call and its return cost more than the lock's own
// instructions (a copy-on-write fork of 64 MiB: 31 -> 20 million cycles
// with the lock refcount scheme, docs/profile.md).
static inline struct cpu *mycpu(void)
{
  return &cpus[r_tp()];
}
struct proc *myproc(void);

void procinit(void);
void userinit(void);
void scheduler(void) __attribute__((noreturn));
void sched(void);
void yield(void);
void sleep(void *chan, struct spinlock *lk);
void wakeup(void *chan);

int proc_fork(void);
void proc_exit(int status) __attribute__((noreturn));
int proc_wait(uint64 addr);
int proc_kill(int pid);
int proc_nused(void);
void setkilled(struct proc *p);
int killed(struct proc *p);
int growproc(int n);

// The exokernel pair of -Dlab=ucow (proc/syspage.c): a child with the
// caller's registers and size but no user memory, asleep until its parent
// calls proc_start. Its pid, or -1; 0 in the child.
int proc_exofork(void);
// Let the caller's unstarted child pid run. 0, or -1 if it is not one.
int proc_start(int pid);
// The process the page calls act on: the caller itself (pid 0 or its own
// pid) or a child of the caller that has not been started yet, whose page
// table nothing else can be using. NULL for any other pid.
struct proc *proc_target(int pid);

pagetable_t proc_pagetable(struct proc *p);
void proc_freepagetable(pagetable_t pt, uint64 sz);

// The USYSCALL page (proc/usyscall.c, the pgtbl lab): facts about a process
// it reads without a system call (struct usyscall, kernel/memlayout.h).
// Give p its page, filled in; 0, or -1 if out of memory.
int usyscall_alloc(struct proc *p);
// Map p's page at USYSCALL in pt, readable by user code only. 0 or -1.
int usyscall_map(struct proc *p, pagetable_t pt);
// Undo usyscall_map in pt (nothing if it is not mapped).
void usyscall_unmap(pagetable_t pt);
// Free p's page, if it has one.
void usyscall_free(struct proc *p);

// Copy to or from either a user address (user_dst/user_src set) or a kernel
// address: lets the console and pipes serve both. 0 or -1.
int either_copyout(int user_dst, uint64 dst, const void *src, uint64 len);
int either_copyin(void *dst, int user_src, uint64 src, uint64 len);

// Print the process list on the console (^P).
void procdump(void);

// Replace the current process's image with the ELF file at path (proc/exec.c).
// Returns argc on success (it lands in a0), -1 on any failure with the old
// image intact.
int kexec(char *path, char **argv);
