// find DIR NAME: print the path of every file or directory under DIR whose
// own name is NAME, as DIR/.../NAME, without descending into "." and "..".
// user/ls.c shows how to read a directory. docs/labs/util.md says what to
// write.
#include "kernel/types.h"
#include "kernel/stat.h"
#include "kernel/fs.h"
#include "kernel/fcntl.h"
#include "user/user.h"

int main(int argc, char *argv[])
{
  // Your code here.
  exit(0);
}
