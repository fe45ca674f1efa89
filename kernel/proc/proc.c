// Processes: the process table, pid allocation, creation (userinit, fork),
// exit and wait, the per-hart scheduler, sleep and wakeup, and kill.
// Relies on mm/ for address spaces, fs/ for open files and the cwd, and on
// arch/swtch.S for switching kernel threads.
#include "kernel/types.h"
#include "kernel/param.h"
#include "kernel/memlayout.h"
#include "kernel/riscv.h"
#include "kernel/arch/arch.h"
#include "kernel/arch/csr.h"
#include "kernel/lib/printf.h"
#include "kernel/lib/spinlock.h"
#include "kernel/lib/string.h"
#include "kernel/mm/kalloc.h"
#include "kernel/mm/vm.h"
#include "kernel/mm/fork.h"
#include "kernel/mm/counters.h"
#include "kernel/mm/uaccess.h"
#include "kernel/fs/file.h"
#include "kernel/fs/inode.h"
#include "kernel/fs/log.h"
#include "kernel/proc/proc.h"
#include "kernel/proc/trace.h"
#include "kernel/proc/alarm.h"

struct cpu cpus[NCPU];

static struct proc proc[NPROC];

// The first process; orphans are handed to it so someone waits for them.
static struct proc *initproc;

// Next pid to hand out; pid_lock guards next_pid.
static struct {
  struct spinlock pid_lock;
  int next_pid;
} pids = {.next_pid = 1};

// wait_lock guards every p->parent, and orders a parent's sleep in wait()
// against a child's wakeup in exit() so the wakeup cannot be missed. It is
// always taken before any p->lock.
static struct spinlock wait_lock;

// The first user program (arch/initcode.S), bytes copied by userinit().
extern char initcode_start[], initcode_end[];

void forkret(void);

void procinit(void)
{
  initlock(&pids.pid_lock, "nextpid");
  initlock(&wait_lock, "wait_lock");
  for (int i = 0; i < NPROC; i++) {
    initlock(&proc[i].lock, "proc");
    proc[i].state = UNUSED;
    proc[i].kstack = KSTACK(i);
  }
}

// The process running on this hart, or NULL in the scheduler.
struct proc *myproc(void)
{
  push_off();
  struct proc *p = mycpu()->proc;
  pop_off();
  return p;
}

static int allocpid(void)
{
  acquire(&pids.pid_lock);
  int pid = pids.next_pid++;
  release(&pids.pid_lock);
  return pid;
}

// A fresh page table holding only the trampoline and this process's
// trapframe page, neither accessible to user code, and its USYSCALL page,
// which user code may read. NULL if out of memory.
pagetable_t proc_pagetable(struct proc *p)
{
  pagetable_t pt = uvmcreate();
  if (pt == 0)
    return 0;
  if (mappages(pt, TRAMPOLINE, PGSIZE, (uint64)trampoline, PTE_R | PTE_X) < 0) {
    uvmfree(pt, 0);
    return 0;
  }
  if (mappages(pt, TRAPFRAME, PGSIZE, (uint64)p->trapframe, PTE_R | PTE_W) < 0) {
    uvmunmap(pt, TRAMPOLINE, 1, 0);
    uvmfree(pt, 0);
    return 0;
  }
  if (usyscall_map(p, pt) < 0) {
    uvmunmap(pt, TRAMPOLINE, 1, 0);
    uvmunmap(pt, TRAPFRAME, 1, 0);
    uvmfree(pt, 0);
    return 0;
  }
  return pt;
}

// Free a process's page table and the user memory [0, sz) it maps. The
// trampoline is shared, and the trapframe and USYSCALL pages are freed by
// freeproc(), so these three are only unmapped.
void proc_freepagetable(pagetable_t pt, uint64 sz)
{
  uvmunmap(pt, TRAMPOLINE, 1, 0);
  uvmunmap(pt, TRAPFRAME, 1, 0);
  usyscall_unmap(pt);
  uvmfree(pt, sz);
}

// Return slot p to UNUSED with everything it owned freed. p->lock held.
static void freeproc(struct proc *p)
{
  if (p->pagetable)
    proc_freepagetable(p->pagetable, p->sz);
  if (p->trapframe)
    kfree(p->trapframe);
  usyscall_free(p);
  p->pagetable = 0;
  p->trapframe = 0;
  p->sz = 0;
  p->pid = 0;
  p->parent = 0;
  p->name[0] = 0;
  p->chan = 0;
  p->killed = 0;
  p->xstate = 0;
  p->upcall.on = 0;
  alarm_clear(p);
  p->unstarted = 0;
  p->tracemask = 0;
  p->state = UNUSED;
}

// Claim an UNUSED slot with a new pid, a trapframe and a minimal page table,
// set up so that its first switch-in runs forkret() on its kernel stack.
// Returns with p->lock held, or NULL if there is no slot or no memory.
static struct proc *allocproc(void)
{
  struct proc *p;
  for (p = proc; p < &proc[NPROC]; p++) {
    acquire(&p->lock);
    if (p->state == UNUSED)
      break;
    release(&p->lock);
  }
  if (p == &proc[NPROC])
    return 0;

  p->pid = allocpid();
  p->state = USED;
  p->trapframe = kalloc();
  if (p->trapframe != 0 && usyscall_alloc(p) == 0)
    p->pagetable = proc_pagetable(p);
  if (p->pagetable == 0) {
    freeproc(p);
    release(&p->lock);
    return 0;
  }

  memset(&p->context, 0, sizeof(p->context));
  p->context.ra = (uint64)forkret;
  p->context.sp = p->kstack + PGSIZE;
  return p;
}

// Create the first process: initcode (arch/initcode.S) in the page at
// virtual address 0, mapped read+execute, and one stack page above it.
void userinit(void)
{
  uint64 len = initcode_end - initcode_start;
  if (len > PGSIZE)
    panic("userinit: initcode larger than a page");

  struct proc *p = allocproc();
  if (p == 0)
    panic("userinit: no process slot");
  initproc = p;

  char *text = kalloc();
  if (text == 0)
    panic("userinit: out of memory");
  memset(text, 0, PGSIZE);
  memmove(text, initcode_start, len);
  if (mappages(p->pagetable, 0, PGSIZE, (uint64)text, PTE_R | PTE_X | PTE_U) < 0)
    panic("userinit: cannot map initcode");
  if (uvmalloc(p->pagetable, PGSIZE, 2 * PGSIZE, PTE_W) == 0)
    panic("userinit: cannot map a stack");
  p->sz = 2 * PGSIZE;

  p->trapframe->epc = 0;
  p->trapframe->sp = p->sz;
  safestrcpy(p->name, "initcode", sizeof(p->name));
  // p->cwd is set by forkret() once the file system is up.
  p->state = RUNNABLE;
  release(&p->lock);
}

// Grow or shrink the current process's memory by n bytes (sbrk). 0, or -1
// if the new size would be negative, reach USYSCALL, or memory runs out, or a
// superpage the new break cuts through cannot be split.
int growproc(int n)
{
  struct proc *p = myproc();
  uint64 sz = p->sz;

  if (n > 0) {
    uint64 newsz = sz + (uint64)n;
    if (newsz < sz || newsz >= USYSCALL)
      return -1;
    if (uvmalloc(p->pagetable, sz, newsz, PTE_W) == 0)
      return -1;
    p->sz = newsz;
  } else if (n < 0) {
    uint64 shrink = (uint64)(-(long)n);
    if (shrink > sz)
      return -1;
    if (uvmdealloc(p->pagetable, sz, sz - shrink) != sz - shrink)
      return -1;
    p->sz = sz - shrink;
  }
  return 0;
}

// Create a child of the current process with its registers, open files and
// size, returning 0 in the child; the child's pid, or -1. A full fork copies
// the user memory and lets the child run; an empty one (exofork) maps no
// user memory and leaves the child asleep until proc_start, so that its
// parent can build its address space with the page calls first.
static int fork_process(int empty)
{
  struct proc *p = myproc();
  struct proc *np = allocproc();
  if (np == 0)
    return -1;

  if (!empty && fork_copy_mm(p->pagetable, np->pagetable, p->sz) < 0) {
    freeproc(np);
    release(&np->lock);
    return -1;
  }
  np->sz = p->sz;
  *np->trapframe = *p->trapframe;
  np->trapframe->a0 = 0;

  for (int fd = 0; fd < NOFILE; fd++)
    if (p->ofile[fd])
      np->ofile[fd] = filedup(p->ofile[fd]);
  np->cwd = idup(p->cwd);
  safestrcpy(np->name, p->name, sizeof(np->name));
  trace_fork(p, np);
  int pid = np->pid;
  release(&np->lock);

  acquire(&wait_lock);
  np->parent = p;
  release(&wait_lock);

  acquire(&np->lock);
  if (empty) {
    // Asleep on itself, so that kill() wakes it like any sleeper and it
    // exits in forkret without running user code it does not have.
    np->unstarted = 1;
    np->chan = np;
    np->state = SLEEPING;
  } else {
    np->state = RUNNABLE;
  }
  release(&np->lock);
  kstat_count(KSTAT_FORK);
  return pid;
}

int proc_fork(void)
{
  return fork_process(0);
}

int proc_exofork(void)
{
  return fork_process(1);
}

int proc_start(int pid)
{
  struct proc *me = myproc();
  int ok = -1;
  acquire(&wait_lock);
  for (struct proc *pp = proc; pp < &proc[NPROC]; pp++) {
    if (pp->parent != me || pp->pid != pid)
      continue;
    acquire(&pp->lock);
    if (pp->unstarted && pp->state == SLEEPING) {
      pp->unstarted = 0;
      pp->chan = 0;
      pp->state = RUNNABLE;
      ok = 0;
    }
    release(&pp->lock);
  }
  release(&wait_lock);
  return ok;
}

struct proc *proc_target(int pid)
{
  struct proc *me = myproc();
  if (pid == 0 || pid == me->pid)
    return me;
  struct proc *found = 0;
  acquire(&wait_lock);
  for (struct proc *pp = proc; pp < &proc[NPROC]; pp++) {
    if (pp->parent != me || pp->pid != pid)
      continue;
    acquire(&pp->lock);
    // Only an unstarted child: it runs nowhere and cannot exec, so its page
    // table stays the one the caller edits. Its parent is the caller, which
    // alone could reap it, so the slot outlives the system call.
    if (pp->unstarted && !pp->killed)
      found = pp;
    release(&pp->lock);
  }
  release(&wait_lock);
  return found;
}

// Give p's children to init. wait_lock held.
static void reparent(struct proc *p)
{
  for (struct proc *pp = proc; pp < &proc[NPROC]; pp++) {
    if (pp->parent == p) {
      pp->parent = initproc;
      wakeup(initproc);
      // Nobody is left to start an exofork child: let it die.
      acquire(&pp->lock);
      if (pp->unstarted) {
        pp->killed = 1;
        pp->state = RUNNABLE;
      }
      release(&pp->lock);
    }
  }
}

// Exit the current process with status. It stays a ZOMBIE until its parent
// collects the status in wait(). Never returns.
void proc_exit(int status)
{
  struct proc *p = myproc();
  if (p == initproc)
    panic("init exiting");

  for (int fd = 0; fd < NOFILE; fd++) {
    if (p->ofile[fd]) {
      fileclose(p->ofile[fd]);
      p->ofile[fd] = 0;
    }
  }
  // Dropping the cwd may free an inode, which writes to disk.
  begin_op();
  iput(p->cwd);
  end_op();
  p->cwd = 0;

  acquire(&wait_lock);
  reparent(p);
  // The parent may be asleep in wait().
  wakeup(p->parent);

  acquire(&p->lock);
  p->xstate = status;
  p->state = ZOMBIE;
  release(&wait_lock);

  // sched() leaves for good: nobody switches back to a ZOMBIE.
  sched();
  panic("zombie exit");
}

// Reap child pp if it is a zombie: copy its status to user address addr
// (unless 0) and free it. Returns its pid, 0 if it is still alive, -1 if
// the copy failed. wait_lock and pp->lock held.
static int reap(struct proc *p, struct proc *pp, uint64 addr)
{
  if (pp->state != ZOMBIE)
    return 0;
  int pid = pp->pid;
  if (addr != 0 && copyout(p->pagetable, addr, &pp->xstate, sizeof(pp->xstate)) < 0)
    return -1;
  freeproc(pp);
  return pid;
}

// Wait for a child to exit and return its pid, storing its status at user
// address addr if addr is not 0. -1 if there are no children, the status
// cannot be stored, or the caller is killed while waiting.
int proc_wait(uint64 addr)
{
  struct proc *p = myproc();

  acquire(&wait_lock);
  for (;;) {
    int have_children = 0;
    for (struct proc *pp = proc; pp < &proc[NPROC]; pp++) {
      if (pp->parent != p)
        continue;
      have_children = 1;
      acquire(&pp->lock);
      int pid = reap(p, pp, addr);
      release(&pp->lock);
      if (pid != 0) {
        release(&wait_lock);
        return pid;
      }
    }
    if (!have_children || killed(p)) {
      release(&wait_lock);
      return -1;
    }
    // exit() wakes us on p, under wait_lock.
    sleep(p, &wait_lock);
  }
}

// Run each RUNNABLE process in turn on this hart, for ever. Runs on the
// hart's boot stack; processes come back here through sched().
void scheduler(void)
{
  struct cpu *c = mycpu();
  c->proc = 0;
  for (;;) {
    // Let pending interrupts in, then scan with them off: a process that
    // wakes during the scan is seen on the next round.
    intr_on();
    intr_off();

    int ran = 0;
    for (struct proc *p = proc; p < &proc[NPROC]; p++) {
      // Peek before taking the lock, and take it only for a process that
      // looks runnable: an idle hart that locked all NPROC slots on every
      // pass kept stealing the locks the busy harts needed (usertests' file
      // tests ran four times slower, docs/profile.md). A process that turns
      // RUNNABLE just after the peek is seen on the next pass.
      if (__atomic_load_n(&p->state, __ATOMIC_RELAXED) != RUNNABLE)
        continue;
      acquire(&p->lock);
      if (p->state == RUNNABLE) {
        // The process releases p->lock itself, and takes it again before
        // switching back here.
        p->state = RUNNING;
        c->proc = p;
        swtch(&c->context, &p->context);
        c->proc = 0;
        ran = 1;
      }
      release(&p->lock);
    }
    // Nothing to run: idle until an interrupt arrives. wfi wakes on any
    // pending enabled interrupt even with sstatus.SIE off, and the
    // intr_on() above then takes it, so no wakeup is lost.
    if (!ran)
      asm volatile("wfi");
  }
}

// Switch from the current process to this hart's scheduler. The caller
// holds p->lock (and no other lock) and has changed p->state. intena
// belongs to this kernel thread, not to the hart, so it is carried across.
void sched(void)
{
  struct proc *p = myproc();

  if (!holding(&p->lock))
    panic("sched: p->lock not held");
  if (mycpu()->noff != 1)
    panic("sched: other locks held");
  if (p->state == RUNNING)
    panic("sched: process still RUNNING");
  if (intr_get())
    panic("sched: interrupts enabled");

  int intena = mycpu()->intena;
  swtch(&p->context, &mycpu()->context);
  mycpu()->intena = intena;
}

// Give up the CPU for one scheduling round.
void yield(void)
{
  struct proc *p = myproc();
  acquire(&p->lock);
  p->state = RUNNABLE;
  sched();
  release(&p->lock);
}

// A new process's first switch-in lands here (allocproc set context.ra),
// still holding p->lock from scheduler(). The file system is started by
// the first process to get here, since fsinit() sleeps on disk reads and
// so needs a process context. Only the first process can be here then,
// because nothing else exists until it forks.
void forkret(void)
{
  static int fs_started;
  struct proc *p = myproc();

  release(&p->lock);

  if (!fs_started) {
    fs_started = 1;
    fsinit(ROOTDEV);
    p->cwd = namei("/");
    if (p->cwd == 0)
      panic("forkret: no root directory");
    __sync_synchronize();
  }
  // An exofork child killed before it was started has no user memory to
  // return to.
  if (killed(p))
    proc_exit(-1);
  usertrapret();
}

// Sleep on chan, atomically releasing lk, and take lk again on waking.
// Holding p->lock from before lk is dropped until the switch means a
// wakeup() (which takes p->lock) cannot slip in between.
void sleep(void *chan, struct spinlock *lk)
{
  struct proc *p = myproc();

  // SLEEPING is set before lk is released, so that a waker, who holds lk,
  // sees it even without p->lock: wakeup() peeks at it.
  acquire(&p->lock);
  p->chan = chan;
  p->state = SLEEPING;
  release(lk);
  sched();
  p->chan = 0;

  release(&p->lock);
  acquire(lk);
}

// A peek without p->lock, for wakeup(): whoever holds the lock a sleeper
// passed to sleep() sees it SLEEPING on chan (sleep() sets both before it
// lets that lock go), and anything else may be stale but never matters.
static int sleeping_on(struct proc *p, void *chan)
{
  return __atomic_load_n(&p->state, __ATOMIC_RELAXED) == SLEEPING &&
         __atomic_load_n(&p->chan, __ATOMIC_RELAXED) == chan;
}

// Make every process sleeping on chan runnable. The caller must hold the
// lock the sleepers passed to sleep(), and not its own p->lock. Only the
// processes that are asleep on chan are locked: the others need not wait.
void wakeup(void *chan)
{
  struct proc *self = myproc();
  for (struct proc *p = proc; p < &proc[NPROC]; p++) {
    if (p == self || !sleeping_on(p, chan))
      continue;
    acquire(&p->lock);
    if (p->state == SLEEPING && p->chan == chan)
      p->state = RUNNABLE;
    release(&p->lock);
  }
}

// Mark process pid killed; it exits the next time it crosses the user/kernel
// boundary. A sleeper is woken so that it notices. 0, or -1 if no such pid.
int proc_kill(int pid)
{
  for (struct proc *p = proc; p < &proc[NPROC]; p++) {
    acquire(&p->lock);
    if (p->pid == pid && p->state != UNUSED) {
      p->killed = 1;
      if (p->state == SLEEPING)
        p->state = RUNNABLE;
      release(&p->lock);
      return 0;
    }
    release(&p->lock);
  }
  return -1;
}

void setkilled(struct proc *p)
{
  acquire(&p->lock);
  p->killed = 1;
  release(&p->lock);
}

int killed(struct proc *p)
{
  acquire(&p->lock);
  int k = p->killed;
  release(&p->lock);
  return k;
}

int either_copyout(int user_dst, uint64 dst, const void *src, uint64 len)
{
  if (user_dst)
    return copyout(myproc()->pagetable, dst, src, len);
  memmove((void *)dst, src, len);
  return 0;
}

int either_copyin(void *dst, int user_src, uint64 src, uint64 len)
{
  if (user_src)
    return copyin(myproc()->pagetable, dst, src, len);
  memmove(dst, (const void *)src, len);
  return 0;
}

// One line per process. Takes no locks, so that it still works when the
// machine is wedged; the output may then be slightly inconsistent.
void procdump(void)
{
  static const char *const states[] = {
      [UNUSED] = "unused",   [USED] = "used",      [SLEEPING] = "sleep ",
      [RUNNABLE] = "runble", [RUNNING] = "run   ", [ZOMBIE] = "zombie",
  };

  printf("\n");
  for (struct proc *p = proc; p < &proc[NPROC]; p++) {
    if (p->state == UNUSED)
      continue;
    const char *state = "???";
    if ((uint)p->state < sizeof(states) / sizeof(states[0]) && states[p->state])
      state = states[p->state];
    printf("%d %s %s\n", p->pid, state, p->name);
  }
}

// The number of process slots in use (not UNUSED), for sysinfo. Each slot
// is read under its lock; the total is a snapshot that may be stale by the
// time the caller sees it.
int proc_nused(void)
{
  int n = 0;

  for (struct proc *p = proc; p < &proc[NPROC]; p++) {
    acquire(&p->lock);
    if (p->state != UNUSED)
      n++;
    release(&p->lock);
  }
  return n;
}
