// A test of the one-page user stack in the shape of the util lab's primes,
// without its sieve: a chain of processes joined by pipes, each started by
// the one before it one call deeper in the same stack, each printing a line
// with printf from there. So the k-th process prints from k frames down.
// "xv6chain [N]" makes N processes (59 if not given: as many as there are
// primes to 280, the depth of the util lab's primes).
//
// Each process paints the unused part of its stack page before its printf
// and looks afterwards for the lowest byte that changed: what its printf
// left untouched. The deepest process's figure comes back up the chain in
// the exit statuses, and the first process prints it with the verdict.
#include "kernel/types.h"
#include "kernel/riscv.h"
#include "user/user.h"
#include "user/tag.h"

// A link's exit status: the links from it down, and the bytes of stack the
// deepest printf left untouched, as links * STATUS_SPLIT + bytes.
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

// One link: reads its number and how many links are left from its left
// pipe, prints, and starts the next link one frame deeper. Returns the exit
// status for the process that ran it.
int
next_link(int left)
{
  int msg[2], n, right[2];

  if(read(left, msg, sizeof(msg)) != sizeof(msg)){
    close(left);
    return -1;
  }
  close(left);
  paint();
  printf("link %d\n", msg[0]);
  untouched = unpainted_below();
  if(msg[1] == 0)
    return STATUS_SPLIT + untouched;

  if(pipe(right) < 0){
    fprintf(2, "xv6chain: pipe failed at link %d\n", msg[0]);
    return -1;
  }
  if((n = fork()) < 0){
    fprintf(2, "xv6chain: fork failed at link %d\n", msg[0]);
    return -1;
  }
  if(n == 0){
    close(right[1]);
    exit(next_link(right[0]));     // one frame deeper, in the child
  }
  close(right[0]);
  msg[0]++;
  msg[1]--;
  write(right[1], msg, sizeof(msg));
  close(right[1]);
  if(wait(&child_status) < 0 || child_status < 0)
    return -1;
  return child_status + STATUS_SPLIT;
}

int
main(int argc, char *argv[])
{
  int first[2], msg[2], pid, status, links;

  links = argc > 1 ? atoi(argv[1]) : 59;
  if(links < 1 || pipe(first) < 0){
    fprintf(2, "usage: xv6chain [N], N > 0\n");
    exit(1);
  }
  pid = fork();
  if(pid == 0){
    close(first[1]);
    exit(next_link(first[0]));
  }
  close(first[0]);
  msg[0] = 1;
  msg[1] = links - 1;
  write(first[1], msg, sizeof(msg));
  close(first[1]);
  if(pid < 0 || wait(&status) != pid || status < 0){
    printf("xv6chain: a link process failed\n");
    exit(1);
  }
  printf("xv6chain: %d processes, each a frame deeper; the deepest printf left "
         "%d bytes of the %d-byte stack untouched\n",
         status / STATUS_SPLIT, status % STATUS_SPLIT, PGSIZE);
  if(status / STATUS_SPLIT != links){
    printf("xv6chain: expected %d processes\n", links);
    exit(1);
  }
  tag_line("xv6chain: ", "ok", (char *)0);
  exit(0);
}
