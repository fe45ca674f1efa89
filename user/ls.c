// ls: list files and directories, one line each: name (padded to DIRSIZ),
// type (1 directory, 2 file, 3 device), inode number and size in bytes, the
// same columns as xv6's ls. A directory is read as an array of struct dirent.
#include "kernel/types.h"
#include "kernel/stat.h"
#include "kernel/fcntl.h"
#include "kernel/fs.h"
#include "kernel/param.h"
#include "user/user.h"

// Prints one line; name is the last component of the path, padded with
// spaces so that the columns line up.
static void print_entry(const char *path, const struct stat *st)
{
  const char *name = path + strlen(path);
  char padded[DIRSIZ + 1];
  uint len;

  while (name > path && name[-1] != '/')
    name--;
  len = strlen(name);
  if (len >= DIRSIZ) {
    printf("%s %d %d %lu\n", name, st->type, st->ino, st->size);
    return;
  }
  memmove(padded, name, len);
  memset(padded + len, ' ', DIRSIZ - len);
  padded[DIRSIZ] = '\0';
  printf("%s %d %d %lu\n", padded, st->type, st->ino, st->size);
}

// Lists every entry of the open directory fd, whose path is dir.
static int list_dir(int fd, const char *dir)
{
  char path[MAXPATH];
  struct dirent de;
  struct stat st;
  uint len = strlen(dir);
  int status = 0;

  if (len + 1 + DIRSIZ + 1 > sizeof(path)) {
    fprintf(2, "ls: path too long: %s\n", dir);
    return -1;
  }
  strcpy(path, dir);
  path[len++] = '/';
  while (read(fd, &de, sizeof(de)) == sizeof(de)) {
    if (de.inum == 0)
      continue;
    // A directory entry's name is not terminated when it fills all DIRSIZ bytes.
    memmove(path + len, de.name, DIRSIZ);
    path[len + DIRSIZ] = '\0';
    if (stat(path, &st) < 0) {
      fprintf(2, "ls: cannot stat %s\n", path);
      status = -1;
      continue;
    }
    print_entry(path, &st);
  }
  return status;
}

static int list(const char *path)
{
  struct stat st;
  int fd = open(path, O_RDONLY);
  int r = 0;

  if (fd < 0) {
    fprintf(2, "ls: cannot open %s\n", path);
    return -1;
  }
  if (fstat(fd, &st) < 0) {
    fprintf(2, "ls: cannot stat %s\n", path);
    close(fd);
    return -1;
  }
  if (st.type == T_DIR)
    r = list_dir(fd, path);
  else
    print_entry(path, &st);
  close(fd);
  return r;
}

int main(int argc, char *argv[])
{
  int status = 0;

  if (argc < 2)
    exit(list(".") < 0 ? 1 : 0);
  for (int i = 1; i < argc; i++) {
    if (list(argv[i]) < 0)
      status = 1;
  }
  exit(status);
}
