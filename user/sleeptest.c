// Tests the util lab's sleep program from outside: "sleep 10" must take at
// least 10 ticks of uptime and exit 0, and "sleep" with no argument must
// exit with a non-zero status. Prints "sleeptest: ok" (tagged) if so.
#include "kernel/types.h"
#include "user/user.h"
#include "user/tag.h"

// Runs /sleep with argv; returns its exit status, or -1 if it did not run.
static int run_sleep(char **argv)
{
  int status;
  int pid = fork();

  if (pid < 0)
    return -1;
  if (pid == 0) {
    exec("sleep", argv);
    exit(-1);
  }
  if (wait(&status) != pid)
    return -1;
  return status;
}

int main(void)
{
  char *ten[] = {"sleep", "10", 0};
  char *none[] = {"sleep", 0};

  int start = uptime();
  int status = run_sleep(ten);
  int took = uptime() - start;
  printf("sleeptest: sleep 10 took %d ticks and exited with %d\n", took, status);
  if (status != 0 || took < 10) {
    printf("sleeptest: FAIL sleep 10 should take 10 ticks or more and exit 0\n");
    exit(1);
  }
  status = run_sleep(none);
  if (status == 0) {
    printf("sleeptest: FAIL sleep with no argument should exit with an error\n");
    exit(1);
  }
  tag_line("sleeptest: ", "ok", (char *)0);
  exit(0);
}
