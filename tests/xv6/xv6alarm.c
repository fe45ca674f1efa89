// The traps lab's calls as xv6 lab code uses them: a handler declared the
// old way, with an empty parameter list, passed to sigalarm; the handler
// ends with sigreturn; r_fp() from kernel/riscv.h; SYS_sigalarm and
// SYS_sigreturn from kernel/syscall.h. Compiled with xv6's flags, it checks
// that such code builds unmodified, and that an alarm comes and goes.
#include "kernel/param.h"
#include "kernel/types.h"
#include "kernel/stat.h"
#include "kernel/riscv.h"
#include "kernel/syscall.h"
#include "user/user.h"

volatile static int calls;

void tick();

void
tick()
{
  calls++;
  sigreturn();
}

int
main(int argc, char *argv[])
{
  int start;

  if(SYS_sigalarm != 26 || SYS_sigreturn != 27){
    printf("xv6alarm: wrong system-call numbers\n");
    exit(1);
  }
  if(r_fp() == 0){
    printf("xv6alarm: no frame pointer\n");
    exit(1);
  }
  sigalarm(1, tick);
  start = uptime();
  while(calls < 3 && uptime() - start < 50)
    ;
  sigalarm(0, 0);
  if(calls < 3){
    printf("xv6alarm: %d alarms in 5 seconds\n", calls);
    exit(1);
  }
  printf("xv6alarm: ok\n");
}
