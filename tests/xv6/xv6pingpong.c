// The util lab's pingpong: a parent and its child pass one byte back and
// forth over a pair of pipes, one for each direction, and each says when the
// byte has reached it.
#include "kernel/types.h"
#include "user/user.h"

int
main(int argc, char *argv[])
{
  int down[2], up[2];   // down: parent to child; up: child to parent
  char b;
  int pid;

  if(pipe(down) < 0 || pipe(up) < 0){
    fprintf(2, "xv6pingpong: pipe failed\n");
    exit(1);
  }

  pid = fork();
  if(pid < 0){
    fprintf(2, "xv6pingpong: fork failed\n");
    exit(1);
  }

  if(pid == 0){
    close(down[1]);
    close(up[0]);
    if(read(down[0], &b, 1) != 1){
      fprintf(2, "xv6pingpong: child read failed\n");
      exit(1);
    }
    printf("%d: received ping\n", getpid());
    if(write(up[1], &b, 1) != 1){
      fprintf(2, "xv6pingpong: child write failed\n");
      exit(1);
    }
    exit(0);
  }

  close(down[0]);
  close(up[1]);
  b = 'p';
  if(write(down[1], &b, 1) != 1){
    fprintf(2, "xv6pingpong: parent write failed\n");
    exit(1);
  }
  if(read(up[0], &b, 1) != 1){
    fprintf(2, "xv6pingpong: parent read failed\n");
    exit(1);
  }
  printf("%d: received pong\n", getpid());
  wait(0);
  exit(0);
}
