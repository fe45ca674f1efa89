// The util lab's find: walks a directory tree and prints the path of every
// entry with the given name. "xv6find DIR NAME" searches DIR. With no
// arguments it makes a small tree of its own in xv6find.d, runs "find . b"
// inside it, as the lab's grader does, and removes the tree again.
#include "kernel/types.h"
#include "kernel/stat.h"
#include "user/user.h"
#include "kernel/fs.h"
#include "kernel/fcntl.h"
#include "kernel/param.h"

void
find(char *dir, char *name)
{
  char path[MAXPATH], *p;
  struct dirent de;
  struct stat st;
  int fd;

  if(strlen(dir) + 1 + DIRSIZ + 1 > sizeof(path)){
    fprintf(2, "xv6find: path too long: %s\n", dir);
    return;
  }
  fd = open(dir, O_RDONLY);
  if(fd < 0){
    fprintf(2, "xv6find: cannot open %s\n", dir);
    return;
  }
  if(fstat(fd, &st) < 0 || st.type != T_DIR){
    fprintf(2, "xv6find: %s is not a directory\n", dir);
    close(fd);
    return;
  }

  strcpy(path, dir);
  p = path + strlen(path);
  *p++ = '/';
  while(read(fd, &de, sizeof(de)) == sizeof(de)){
    if(de.inum == 0)
      continue;
    // A name of exactly DIRSIZ bytes has no terminating zero on disk.
    memmove(p, de.name, DIRSIZ);
    p[DIRSIZ] = 0;
    if(strcmp(p, ".") == 0 || strcmp(p, "..") == 0)
      continue;
    if(strcmp(p, name) == 0)
      printf("%s\n", path);
    if(stat(path, &st) == 0 && st.type == T_DIR)
      find(path, name);
  }
  close(fd);
}

// The tree "find . b" walks: names that match in files and in a directory,
// at several depths, next to names that only start or end like the one
// looked for. Directories come first so they exist when files go in them.
char *dirs[] = {
  "xv6find.d", "xv6find.d/a", "xv6find.d/a/aa", "xv6find.d/c", "xv6find.d/c/b", 0
};
char *files[] = {
  "xv6find.d/b", "xv6find.d/bb", "xv6find.d/a/b", "xv6find.d/a/aa/b",
  "xv6find.d/c/b/x", "xv6find.d/c/ab", 0
};

int
selftest(void)
{
  int i, fd, n;

  for(i = 0; dirs[i]; i++){
    if(mkdir(dirs[i]) < 0){
      printf("xv6find: cannot make %s\n", dirs[i]);
      return -1;
    }
  }
  for(i = 0; files[i]; i++){
    fd = open(files[i], O_CREATE | O_WRONLY);
    if(fd < 0 || write(fd, "b\n", 2) != 2){
      printf("xv6find: cannot write %s\n", files[i]);
      return -1;
    }
    close(fd);
  }

  if(chdir(dirs[0]) < 0){
    printf("xv6find: cannot enter %s\n", dirs[0]);
    return -1;
  }
  find(".", "b");
  if(chdir("..") < 0){
    printf("xv6find: cannot leave %s\n", dirs[0]);
    return -1;
  }

  // Files first, then the directories deepest first, so each is empty.
  for(n = 0; files[n]; n++)
    ;
  for(i = n - 1; i >= 0; i--){
    if(unlink(files[i]) < 0){
      printf("xv6find: cannot remove %s\n", files[i]);
      return -1;
    }
  }
  for(n = 0; dirs[n]; n++)
    ;
  for(i = n - 1; i >= 0; i--){
    if(unlink(dirs[i]) < 0){
      printf("xv6find: cannot remove %s\n", dirs[i]);
      return -1;
    }
  }
  return 0;
}

int
main(int argc, char *argv[])
{
  if(argc == 3){
    find(argv[1], argv[2]);
    exit(0);
  }
  if(argc != 1){
    fprintf(2, "usage: xv6find [dir name]\n");
    exit(1);
  }
  if(selftest() < 0)
    exit(1);
  printf("xv6find: ok\n");
  exit(0);
}
