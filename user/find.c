// find DIR NAME: prints the path of every file or directory under DIR whose
// own name is NAME, as DIR/.../NAME (the util lab's find). It does not
// descend into "." and "..", which would loop for ever.
#include "kernel/types.h"
#include "kernel/stat.h"
#include "kernel/fs.h"
#include "kernel/fcntl.h"
#include "kernel/param.h"
#include "user/user.h"

// Looks at each entry of the directory at path (held in a MAXPATH buffer,
// len bytes long), and recurses into subdirectories.
static void find(char *path, int len, const char *name)
{
  struct dirent de;
  struct stat st;

  int fd = open(path, O_RDONLY);
  if (fd < 0) {
    fprintf(2, "find: cannot open %s\n", path);
    return;
  }
  if (len + 1 + DIRSIZ + 1 > MAXPATH) {
    fprintf(2, "find: path too long: %s\n", path);
    close(fd);
    return;
  }
  path[len] = '/';
  while (read(fd, &de, sizeof(de)) == sizeof(de)) {
    if (de.inum == 0)
      continue;
    // A name of exactly DIRSIZ bytes has no terminating zero on disk.
    memmove(path + len + 1, de.name, DIRSIZ);
    path[len + 1 + DIRSIZ] = '\0';
    char *entry = path + len + 1;
    if (strcmp(entry, ".") == 0 || strcmp(entry, "..") == 0)
      continue;
    if (strcmp(entry, name) == 0)
      printf("%s\n", path);
    if (stat(path, &st) == 0 && st.type == T_DIR)
      find(path, len + 1 + strlen(entry), name);
  }
  path[len] = '\0';
  close(fd);
}

int main(int argc, char *argv[])
{
  char path[MAXPATH];
  struct stat st;

  if (argc != 3) {
    fprintf(2, "usage: find dir name\n");
    exit(1);
  }
  if (strlen(argv[1]) >= MAXPATH) {
    fprintf(2, "find: path too long: %s\n", argv[1]);
    exit(1);
  }
  if (stat(argv[1], &st) < 0 || st.type != T_DIR) {
    fprintf(2, "find: %s is not a directory\n", argv[1]);
    exit(1);
  }
  strcpy(path, argv[1]);
  find(path, strlen(path), argv[2]);
  exit(0);
}
