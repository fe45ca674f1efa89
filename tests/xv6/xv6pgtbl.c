// A program written the way MIT 6.1810's pgtbl lab writes its tests: its
// headers, its calls (ugetpid, pgpte, kpgtbl) and constants (USYSCALL,
// struct usyscall, SUPERPGSIZE, SUPERPGROUNDUP), compiled as xv6 compiles
// user code. It checks what the pgtbl lab's kernel gives such a program
// and prints "xv6pgtbl: ok" when everything agrees.
#include "kernel/param.h"
#include "kernel/fcntl.h"
#include "kernel/types.h"
#include "kernel/riscv.h"
#include "kernel/memlayout.h"
#include "user/user.h"

#define N (8 * (1 << 20))

int failures;

void
check(int ok, char *what)
{
  if(!ok){
    printf("xv6pgtbl: FAILED: %s\n", what);
    failures++;
  }
}

int
main(int argc, char *argv[])
{
  struct usyscall *u = (struct usyscall *)USYSCALL;
  check(ugetpid() == getpid() && u->pid == getpid(), "ugetpid and the USYSCALL page");
  check((pgpte((void *)USYSCALL) & (PTE_V | PTE_R | PTE_U | PTE_W)) == (PTE_V | PTE_R | PTE_U),
        "USYSCALL is R and U, not W");
  check(pgpte((void *)0) != 0, "pgpte of text");

  char *end = sbrk(N);
  check(end != (char *)-1, "sbrk");
  uint64 s = SUPERPGROUNDUP((uint64) end);
  check(s % SUPERPGSIZE == 0 && s + SUPERPGSIZE <= (uint64)end + N, "SUPERPGROUNDUP");
  uint64 first = pgpte((void *)s);
  check(first != 0 && pgpte((void *)(s + SUPERPGSIZE - PGSIZE)) == first, "one superpage");
  if(argc > 1)
    kpgtbl();
  if(failures == 0)
    printf("xv6pgtbl: ok\n");
  exit(failures != 0);
}
