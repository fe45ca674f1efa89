// A main that reaches its closing brace without return or exit, which hosted
// C allows (it returns 0) and xv6 lab code often does. Run without arguments,
// it runs itself again as a child and reports the exit status wait() gives;
// the child's main, and then the parent's, fall off their ends.
#include "kernel/types.h"
#include "user/user.h"

int
main(int argc, char *argv[])
{
  int pid, status;
  char *args[3];

  if(argc > 1){
    printf("xv6falloff: child reached the end of main\n");
  } else {
    pid = fork();
    if(pid < 0){
      printf("xv6falloff: fork failed\n");
      exit(1);
    }
    if(pid == 0){
      args[0] = "xv6falloff";
      args[1] = "child";
      args[2] = 0;
      exec(args[0], args);
      printf("xv6falloff: exec %s failed\n", args[0]);
      exit(1);
    }
    if(wait(&status) != pid)
      status = -2;
    printf("xv6falloff: child exited with status %d\n", status);
  }
}
