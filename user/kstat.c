// kstat: print the kernel's memory counters (pages, copy-on-write faults,
// forks) as a table. Relies on the kstat() system call (kernel/kstat.h).
#include "kernel/types.h"
#include "kernel/kstat.h"
#include "user/user.h"

int main(void)
{
  struct kstat ks;
  if (kstat(&ks) < 0) {
    fprintf(2, "kstat: the kstat system call failed\n");
    exit(1);
  }
  printf("pages_allocated %ld\n", ks.pages_allocated);
  printf("pages_freed     %ld\n", ks.pages_freed);
  printf("pages_free      %ld\n", ks.pages_free);
  printf("cow_faults      %ld\n", ks.cow_faults);
  printf("cow_copied      %ld\n", ks.cow_copied);
  printf("cow_reused      %ld\n", ks.cow_reused);
  printf("forks           %ld\n", ks.forks);
  printf("ptpages         %ld\n", ks.ptpages_allocated);
  printf("superpages      %ld\n", ks.superpages_allocated);
  exit(0);
}
