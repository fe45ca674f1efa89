// primes: the concurrent prime sieve of the util lab. The first process
// feeds 2..280 into a pipe; each filter process prints the first number it
// reads, which is a prime, and passes on to a new filter only the numbers
// that prime does not divide. A process per prime; each closes every pipe
// end it does not use, so the table of open files never runs out, and waits
// for its child before it exits, so the sieve is done when the first ends.
#include "kernel/types.h"
#include "user/user.h"

enum { LAST = 280 };

// Where wait puts a child's status. Not a local: the chain is one frame per
// prime on a one-page stack, and every byte of the frame counts (with
// 64-byte frames the 59th prime, 271, would not fit; with 48 they all do).
static int child_status;

// Runs the filter reading from left, and the chain after it; returns the
// exit status for its process.
static int filter(int left)
{
  int prime, n, right[2];

  if (read(left, &prime, sizeof(prime)) != sizeof(prime)) {
    close(left);
    return 0; // the end of the chain: no numbers left
  }
  printf("prime %d\n", prime);
  if (pipe(right) < 0) {
    fprintf(2, "primes: pipe failed\n");
    return 1;
  }
  int pid = fork();
  if (pid < 0) {
    fprintf(2, "primes: fork failed\n");
    return 1;
  }
  if (pid == 0) {
    close(right[1]);
    close(left);
    exit(filter(right[0]));
  }
  close(right[0]);
  while (read(left, &n, sizeof(n)) == sizeof(n))
    if (n % prime != 0)
      write(right[1], &n, sizeof(n));
  close(left);
  close(right[1]);
  wait(&child_status);
  return child_status;
}

int main(void)
{
  int first[2];

  if (pipe(first) < 0) {
    fprintf(2, "primes: pipe failed\n");
    exit(1);
  }
  int pid = fork();
  if (pid < 0) {
    fprintf(2, "primes: fork failed\n");
    exit(1);
  }
  if (pid == 0) {
    close(first[1]);
    exit(filter(first[0]));
  }
  close(first[0]);
  for (int n = 2; n <= LAST; n++)
    write(first[1], &n, sizeof(n));
  close(first[1]);
  wait(&child_status);
  exit(child_status);
}
