// Traps: system calls, device and timer interrupts, and exceptions, from user
// mode (usertrap, entered through trampoline.S) and from supervisor mode
// (kerneltrap, entered through kernelvec.S), and the way back to user mode.
#include "kernel/types.h"
#include "kernel/param.h"
#include "kernel/memlayout.h"
#include "kernel/riscv.h"
#include "kernel/arch/arch.h"
#include "kernel/arch/csr.h"
#include "kernel/arch/timer.h"
#include "kernel/lib/printf.h"
#include "kernel/lib/spinlock.h"
#include "kernel/proc/proc.h"
#include "kernel/proc/systable.h"
#include "kernel/proc/upcall.h"
#include "kernel/proc/alarm.h"
#include "kernel/mm/vm.h"
#include "kernel/mm/fork.h"
#include "kernel/mm/uaccess.h"
#include "kernel/dev/plic.h"
#include "kernel/dev/uart.h"
#include "kernel/dev/virtio_disk.h"

struct spinlock tickslock; // guards ticks
uint ticks;

// Labels in trampoline.S and kernelvec.S.
extern char uservec[], userret[];
void kernelvec(void);

void usertrap(void);
void kerneltrap(void);

// What devintr() found.
enum intr_kind { INTR_NONE, INTR_DEVICE, INTR_TIMER };

void trapinit(void)
{
  initlock(&tickslock, "time");
}

// Per hart: kernel traps go to kernelvec, and user code may read the cycle,
// time and instret counters (the benchmarks time themselves with them).
void trapinithart(void)
{
  w_stvec((uint64)kernelvec);
  w_scounteren(COUNTEREN_CY | COUNTEREN_TM | COUNTEREN_IR);
}

// One timer interrupt: count a tick (hart 0 only, so ticks follow wall
// time however many harts run) and arm the next one, which also takes
// back the pending interrupt.
static void clockintr(void)
{
  if (cpuid() == 0) {
    acquire(&tickslock);
    ticks++;
    wakeup(&ticks);
    release(&tickslock);
  }
  timer_arm(r_time() + TICK_INTERVAL);
}

// Handle scause if it is an interrupt we expect.
static enum intr_kind devintr(uint64 scause)
{
  if (scause == SCAUSE_S_EXTERNAL) {
    int irq = plic_claim();
    if (irq == UART0_IRQ)
      uartintr();
    else if (irq == VIRTIO0_IRQ)
      virtio_disk_intr();
    else if (irq != 0)
      printf("unexpected interrupt irq=%d\n", irq);
    // The PLIC holds the source masked until it hears the claim is done.
    if (irq != 0)
      plic_complete(irq);
    return INTR_DEVICE;
  }
  if (scause == SCAUSE_S_TIMER) {
    clockintr();
    return INTR_TIMER;
  }
  return INTR_NONE;
}

// A readable name for an exception cause, or NULL if we have none.
static const char *exception_name(uint64 scause)
{
  static const char *const names[] = {
      [SCAUSE_INSN_MISALIGNED] = "misaligned instruction",
      [SCAUSE_INSN_ACCESS] = "instruction access fault",
      [SCAUSE_ILLEGAL_INSN] = "illegal instruction",
      [SCAUSE_BREAKPOINT] = "breakpoint",
      [SCAUSE_LOAD_MISALIGNED] = "misaligned load",
      [SCAUSE_LOAD_ACCESS] = "load access fault",
      [SCAUSE_STORE_MISALIGNED] = "misaligned store",
      [SCAUSE_STORE_ACCESS] = "store access fault",
      [SCAUSE_INSN_PFAULT] = "instruction page fault",
      [SCAUSE_LOAD_PFAULT] = "load page fault",
      [SCAUSE_STORE_PFAULT] = "store page fault",
  };
  if (scause < sizeof(names) / sizeof(names[0]))
    return names[scause];
  return 0;
}

// The one line a killed process leaves on the console.
static void report_kill(struct proc *p, uint64 scause, uint64 stval, uint64 pc)
{
  const char *what = exception_name(scause);
  if (what)
    printf("pid %d (%s): killed: %s at %p, pc %p\n", p->pid, p->name, what, (void *)stval,
           (void *)pc);
  else
    printf("pid %d (%s): killed: scause 0x%lx at %p, pc %p\n", p->pid, p->name, scause,
           (void *)stval, (void *)pc);
}

// Entered from uservec in trampoline.S, on the process's kernel stack with
// the kernel page table, for anything that traps out of user mode.
void usertrap(void)
{
  if (r_sstatus() & SSTATUS_SPP)
    panic("usertrap: trap did not come from user mode");

  // From here on, traps are the kernel's own.
  w_stvec((uint64)kernelvec);

  struct proc *p = myproc();
  p->trapframe->epc = r_sepc();
  uint64 scause = r_scause();
  enum intr_kind intr = INTR_NONE;

  if (scause == SCAUSE_ECALL_U) {
    if (killed(p))
      proc_exit(-1);
    // Resume after the ecall, not on it.
    p->trapframe->epc += 4;
    // sepc, scause and sstatus are saved now, so a device may interrupt.
    intr_on();
    syscall();
  } else if ((intr = devintr(scause)) != INTR_NONE) {
    // handled
  } else if (scause == SCAUSE_STORE_PFAULT &&
             fork_fault(p->pagetable, r_stval(), uvm_user_pte(p->pagetable, r_stval())) == 0) {
    // The fork policy fixed the page (copy-on-write); retry the store.
  } else if ((scause == SCAUSE_INSN_PFAULT || scause == SCAUSE_LOAD_PFAULT ||
              scause == SCAUSE_STORE_PFAULT) &&
             upcall_fault(p, scause, r_stval()) == 0) {
    // The process's own handler takes it (or it is killed, having none usable).
  } else {
    report_kill(p, scause, r_stval(), p->trapframe->epc);
    setkilled(p);
  }

  if (killed(p))
    proc_exit(-1);
  if (intr == INTR_TIMER) {
    // A tick of this process's CPU time: its alarm may be due.
    alarm_tick(p);
    yield();
  }
  usertrapret();
}

// Leave for user mode through userret in the trampoline, restoring the
// registers saved in the current process's trapframe.
void usertrapret(void)
{
  struct proc *p = myproc();

  // A trap from here until sret would find stvec pointing at user-mode
  // entry while still in the kernel, so keep interrupts off.
  intr_off();
  w_stvec(TRAMPOLINE + (uservec - trampoline));

  // What uservec needs to come back into the kernel.
  p->trapframe->kernel_satp = r_satp();
  p->trapframe->kernel_sp = p->kstack + PGSIZE;
  p->trapframe->kernel_trap = (uint64)usertrap;
  p->trapframe->kernel_hartid = r_tp();

  // sret goes to user mode with interrupts enabled, at the saved pc.
  uint64 status = r_sstatus();
  status &= ~SSTATUS_SPP;
  status |= SSTATUS_SPIE;
  w_sstatus(status);
  w_sepc(p->trapframe->epc);

  // userret runs at its trampoline address, mapped in both page tables.
  uint64 satp = MAKE_SATP(p->pagetable);
  void (*enter_user)(uint64) = (void (*)(uint64))(TRAMPOLINE + (userret - trampoline));
  enter_user(satp);
  __builtin_unreachable();
}

// A page or access fault in the kernel is a bug, unless the uaccess variant
// touched user memory on purpose: then it says where to resume, in *sepc.
static int kernel_fault_handled(uint64 scause, uint64 *sepc)
{
  switch (scause) {
  case SCAUSE_LOAD_ACCESS:
  case SCAUSE_STORE_ACCESS:
  case SCAUSE_INSN_PFAULT:
  case SCAUSE_LOAD_PFAULT:
  case SCAUSE_STORE_PFAULT:
    break;
  default:
    return 0;
  }
  return uaccess_kernel_fault(scause, r_stval(), sepc) == 0;
}

// Entered from kernelvec on the current kernel stack. Interrupts are
// expected here, and faults of the uaccess variant's user accesses; any other
// exception in the kernel is a kernel bug.
void kerneltrap(void)
{
  uint64 sepc = r_sepc();
  uint64 sstatus = r_sstatus();
  uint64 scause = r_scause();

  if ((sstatus & SSTATUS_SPP) == 0)
    panic("kerneltrap: trap did not come from supervisor mode");
  if (intr_get())
    panic("kerneltrap: interrupts enabled");

  enum intr_kind intr = devintr(scause);
  if (intr == INTR_NONE && !kernel_fault_handled(scause, &sepc)) {
    printf("kerneltrap: scause %p, sepc %p, stval %p\n", (void *)scause, (void *)sepc,
           (void *)r_stval());
    panic("kerneltrap: exception in the kernel");
  }

  // A timer tick preempts a running kernel thread, but not the scheduler.
  if (intr == INTR_TIMER && myproc() != 0)
    yield();

  // yield() may have let other traps overwrite sepc and sstatus.
  w_sepc(sepc);
  w_sstatus(sstatus);
}
