// Every register reaches the handler in the frame as it was at the fault,
// and is the same again after upcall_return: faultregs_probe.S sets them,
// faults, and records them after the return.
#include "kernel/types.h"
#include "kernel/riscv.h"
#include "user/user.h"
#include "user/ucow.h"
#include "user/ucow/ucowtest.h"

void faultregs_probe(uint64 va, uint64 *after);
extern char faultregs_insn[];

static const char *const names[31] = {
    "ra", "sp", "gp", "tp",  "t0",  "t1", "t2", "s0", "s1", "a0", "a1",
    "a2", "a3", "a4", "a5",  "a6",  "a7", "s2", "s3", "s4", "s5", "s6",
    "s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6",
};

static uint64 during[31], during_epc, during_va;
static int faults;

static void handler(struct ufault_frame *f)
{
  faults++;
  for (int i = 0; i < 31; i++)
    during[i] = f->x[i];
  during_epc = f->epc;
  during_va = f->va;
  if (page_alloc(0, PGROUNDDOWN(f->va), PTE_R | PTE_W) < 0) {
    printf("faultregs: page_alloc failed\n");
    exit(1);
  }
}

int main(void)
{
  ucow_region();
  if (set_fault_handler(handler) < 0) {
    printf("faultregs: set_fault_handler failed\n");
    exit(1);
  }
  uint64 va = UCOW_BASE + 0x10;
  uint64 after[31];
  faultregs_probe(va, after);

  int bad = 0;
  for (int i = 0; i < 31; i++) {
    // sp is the one register the probe cannot choose; t6 holds the address.
    uint64 want = i == UF_REG(2) ? after[i] : i == UF_REG(31) ? va : 0x5eed0000UL + (uint64)i + 1;
    if (during[i] != want || after[i] != want) {
      printf("faultregs: %s: before %p, in the frame %p, after %p\n", names[i], (void *)want,
             (void *)during[i], (void *)after[i]);
      bad = 1;
    }
  }
  if (faults != 1 || during_va != va || during_epc != (uint64)faultregs_insn) {
    printf("faultregs: %d faults, va %p (want %p), pc %p (want %p)\n", faults, (void *)during_va,
           (void *)va, (void *)during_epc, (void *)faultregs_insn);
    bad = 1;
  }
  printf("faultregs: %s\n", bad ? "FAILED" : "OK");
  exit(bad);
}
