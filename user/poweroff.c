// poweroff: end the QEMU run through rvlab's poweroff system call, with an
// optional exit status that QEMU passes on to whoever started it.
#include "kernel/types.h"
#include "kernel/stat.h"
#include "user/user.h"

int main(int argc, char *argv[])
{
  int status = 0;

  if (argc > 2) {
    fprintf(2, "usage: poweroff [status]\n");
    exit(1);
  }
  if (argc == 2)
    status = atoi(argv[1]);
  poweroff(status);
  // Reaching this line means the kernel refused.
  fprintf(2, "poweroff: failed\n");
  exit(1);
}
