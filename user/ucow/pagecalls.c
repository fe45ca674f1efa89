// Every bad argument to the ucow system calls is -1, never a panic or a
// kill: addresses out of reach, bad permissions, other processes' pids,
// frames the kernel must not resume. Then the things that must work around
// them: holes under fork and exit, and exofork children that are never
// started. Prints pagecalls: ok, or each call that misbehaved.
#include "kernel/types.h"
#include "kernel/riscv.h"
#include "kernel/memlayout.h"
#include "user/user.h"
#include "user/ucow.h"
#include "user/ucow/ucowtest.h"

static int bad;

static void expect(const char *what, int got, int want)
{
  if (got != want) {
    printf("pagecalls: %s gave %d, want %d\n", what, got, want);
    bad = 1;
  }
}

#define RW (PTE_R | PTE_W)

static void addresses(void)
{
  uint64 sz = (uint64)sbrk(0);
  uint64 vas[] = {UCOW_BASE + 8, PGROUNDUP(sz), MAXVA,    MAXVA + PGSIZE,
                  TRAPFRAME,     TRAMPOLINE,    KERNBASE, ~0UL & ~(PGSIZE - 1)};
  for (uint64 i = 0; i < sizeof(vas) / sizeof(vas[0]); i++) {
    uint64 va = vas[i];
    expect("page_alloc at a bad va", page_alloc(0, va, RW), -1);
    expect("page_map to a bad va", page_map(0, UCOW_BASE, 0, va, RW), -1);
    expect("page_map from a bad va", page_map(0, va, 0, UCOW_BASE, RW), -1);
    expect("page_unmap at a bad va", page_unmap(0, va), -1);
    expect("page_perm at a bad va", page_perm(0, va), -1);
  }
}

static void permissions(void)
{
  int perms[] = {
      0, PTE_W, PTE_X, PTE_V, PTE_G, PTE_A, PTE_D, 1 << 9, 1 << 10, PTE_R | PTE_W | PTE_COW, -1};
  for (uint64 i = 0; i < sizeof(perms) / sizeof(perms[0]); i++) {
    expect("page_alloc with a bad perm", page_alloc(0, UCOW_BASE, perms[i]), -1);
    expect("page_map with a bad perm", page_map(0, 0, 0, UCOW_BASE, perms[i]), -1);
  }
  // Text is read-only: no writable alias of it, COW-marked or not.
  expect("page_perm of text", page_perm(0, 0), PTE_R | PTE_X | PTE_U);
  expect("page_map of text writable", page_map(0, 0, 0, UCOW_BASE, RW), -1);
  expect("page_map of text", page_map(0, 0, 0, UCOW_BASE, PTE_R | PTE_COW), 0);
  expect("store-free COW alias", page_perm(0, UCOW_BASE), PTE_R | PTE_U | PTE_COW);
  expect("page_map of an unmapped page", page_map(0, UCOW_BASE + PGSIZE, 0, UCOW_BASE, PTE_R), -1);
  expect("page_unmap", page_unmap(0, UCOW_BASE), 0);
  expect("page_unmap of a hole", page_unmap(0, UCOW_BASE), 0);
  expect("page_perm of a hole", page_perm(0, UCOW_BASE), 0);
}

static void pids(void)
{
  // init (1) and our parent (the shell) are not ours to change.
  int others[] = {1, 2, -1, 12345};
  for (uint64 i = 0; i < sizeof(others) / sizeof(others[0]); i++) {
    int pid = others[i];
    expect("page_alloc in another process", page_alloc(pid, UCOW_BASE, RW), -1);
    expect("page_map into another process", page_map(0, 0, pid, 0, PTE_R), -1);
    expect("page_map from another process", page_map(pid, 0, 0, UCOW_BASE, PTE_R), -1);
    expect("page_unmap in another process", page_unmap(pid, 0), -1);
    expect("page_perm of another process", page_perm(pid, 0), -1);
    expect("upcall_set of another process", upcall_set(pid, 0, 0), -1);
    expect("proc_start of another process", proc_start(pid), -1);
  }
  // A child of fork(), running already, is out of reach too.
  int child = fork();
  if (child == 0) {
    sleep(5);
    exit(0);
  }
  expect("page_perm of a running child", page_perm(child, 0), -1);
  expect("proc_start of a running child", proc_start(child), -1);
  wait(0);
}

static void upcalls(void)
{
  expect("upcall_set unaligned stack", upcall_set(0, 0x10, UCOW_BASE + 8), -1);
  expect("upcall_set stack at 0", upcall_set(0, 0x10, 0x8), -1);
  expect("upcall_set stack past TRAPFRAME", upcall_set(0, 0x10, TRAPFRAME + PGSIZE), -1);
  expect("upcall_set to none", upcall_set(0, 0, 0), 0);

  expect("upcall_return of an unmapped frame", upcall_return((void *)(UCOW_BASE + 64)), -1);
  expect("upcall_return of a kernel frame", upcall_return((void *)KERNBASE), -1);
  static struct ufault_frame f;
  f.epc = KERNBASE;
  expect("upcall_return to the kernel", upcall_return(&f), -1);
  f.epc = (uint64)sbrk(0);
  expect("upcall_return past sz", upcall_return(&f), -1);
}

// Holes left by page_unmap must not trouble the kernel's own fork, sbrk or
// exit; exofork children never started must not linger.
static void holes_and_children(void)
{
  int pid = fork();
  if (pid == 0)
    exit(7);
  int status = 0;
  expect("fork over holes", wait(&status) == pid && status == 7, 1);

  pid = exofork();
  if (pid == 0) {
    printf("pagecalls: an exofork child ran unstarted\n");
    exit(1);
  }
  expect("exofork", pid > 0, 1);
  expect("page_alloc in the unstarted child", page_alloc(pid, UCOW_BASE, RW), 0);
  expect("page_perm in the unstarted child", page_perm(pid, UCOW_BASE), RW | PTE_U);
  expect("kill of an unstarted child", kill(pid), 0);
  expect("its wait", wait(&status) == pid && status == -1, 1);
  expect("proc_start after its death", proc_start(pid), -1);

  // An orphan: a child exoforks a grandchild and exits without starting it.
  pid = fork();
  if (pid == 0) {
    if (exofork() == 0) {
      printf("pagecalls: an orphaned exofork child ran\n");
      exit(1);
    }
    exit(0);
  }
  wait(0);
}

int main(void)
{
  ucow_region();
  addresses();
  permissions();
  pids();
  upcalls();
  holes_and_children();
  printf("pagecalls: %s\n", bad ? "FAILED" : "ok");
  exit(bad);
}
