// The util lab's primes in its usual recursive shape, as a test of the one-page
// user stack: each process reads the first number from its left pipe, prints
// it as a prime and forks the next filter, which carries on one call deeper
// in the same stack, so the process of the k-th prime prints from k frames
// down. "xv6sieve [N]" sieves 2..N (280 if not given).
//
// Each process paints the unused part of its stack page before its printf
// and looks afterwards for the lowest byte that changed: what its printf
// left untouched. The deepest process's figure comes back up the chain in
// the exit statuses, and the first process prints it with the verdict.
#include "kernel/types.h"
#include "kernel/riscv.h"
#include "user/user.h"
#include "user/tag.h"

// A filter's exit status: the primes seen from it down, and the bytes of
// stack the deepest printf left untouched, as primes * STATUS_SPLIT + bytes.
#define STATUS_SPLIT 100000
#define PAINT 0xa5

int untouched;      // this process's figure, or the deepest below it
int child_status;

// Paints the stack page from below this function's frame to its bottom.
__attribute__((noinline)) void
paint(void)
{
  uchar *p, *sp;

  sp = (uchar *)r_sp();
  for(p = (uchar *)PGROUNDDOWN((uint64)sp); p < sp - 16; p++)
    *p = PAINT;
}

// Counts the painted bytes left at the bottom of the stack page.
__attribute__((noinline)) int
unpainted_below(void)
{
  uchar *p, *base;

  base = (uchar *)PGROUNDDOWN(r_sp());
  for(p = base; *p == PAINT; p++)
    ;
  return p - base;
}

// The filter, written as a student would, with the measurement around its
// printf. Returns the exit status for the process that ran it.
int
sieve(int left)
{
  int p, n, right[2];

  if(read(left, &p, sizeof(p)) != sizeof(p)){
    close(left);
    return untouched;
  }
  paint();
  printf("prime %d\n", p);
  untouched = unpainted_below();

  if(pipe(right) < 0){
    fprintf(2, "xv6sieve: pipe failed at prime %d\n", p);
    return -1;
  }
  if((n = fork()) < 0){
    fprintf(2, "xv6sieve: fork failed at prime %d\n", p);
    return -1;
  }
  if(n == 0){
    close(right[1]);
    close(left);
    exit(sieve(right[0]));     // one frame deeper, in the child
  }
  close(right[0]);
  while(read(left, &n, sizeof(n)) == sizeof(n)){
    if(n % p != 0)
      write(right[1], &n, sizeof(n));
  }
  close(left);
  close(right[1]);
  if(wait(&child_status) < 0 || child_status < 0)
    return -1;
  return child_status + STATUS_SPLIT;
}

// The primes up to limit, counted by trial division, to check the sieve by.
int
count_primes(int limit)
{
  int n, d, count;

  count = 0;
  for(n = 2; n <= limit; n++){
    for(d = 2; d * d <= n && n % d != 0; d++)
      ;
    if(d * d > n)
      count++;
  }
  return count;
}

int
main(int argc, char *argv[])
{
  int first[2], pid, status, i, limit;

  limit = argc > 1 ? atoi(argv[1]) : 280;
  if(pipe(first) < 0){
    fprintf(2, "xv6sieve: pipe failed\n");
    exit(1);
  }
  pid = fork();
  if(pid == 0){
    close(first[1]);
    exit(sieve(first[0]));
  }
  close(first[0]);
  for(i = 2; i <= limit; i++)
    write(first[1], &i, sizeof(i));
  close(first[1]);
  if(pid < 0 || wait(&status) != pid || status < 0){
    printf("xv6sieve: a filter process failed\n");
    exit(1);
  }
  printf("xv6sieve: %d primes, one process each; the deepest printf left "
         "%d bytes of the %d-byte stack untouched\n",
         status / STATUS_SPLIT, status % STATUS_SPLIT, PGSIZE);
  if(status / STATUS_SPLIT != count_primes(limit)){
    printf("xv6sieve: expected %d primes\n", count_primes(limit));
    exit(1);
  }
  tag_line("xv6sieve: ", "ok", (char *)0);
  exit(0);
}
