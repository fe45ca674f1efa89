// Directories: a directory is a file of struct dirent entries (kernel/fs.h);
// these functions look names up in one and add names to one. Relies on
// readi/writei, so callers hold the directory's lock and, to write, an op.
#include <stddef.h>
#include "kernel/types.h"
#include "kernel/param.h"
#include "kernel/stat.h"
#include "kernel/fs.h"
#include "kernel/lib/printf.h"
#include "kernel/lib/string.h"
#include "kernel/fs/inode.h"

// Names are compared as DIRSIZ-byte fields: an entry's name need not carry a
// NUL when it is exactly DIRSIZ long.
int namecmp(const char *s, const char *t)
{
  return strncmp(s, t, DIRSIZ);
}

// Read the directory entry at off; a short read means the directory's size
// and contents disagree, which only a kernel bug can cause.
static void dir_read(struct inode *dp, uint off, struct dirent *de)
{
  if (readi(dp, 0, (uint64)de, off, sizeof(*de)) != sizeof(*de))
    panic("dir_read: short directory entry");
}

// Look for name in directory dp. On success return its inode (unlocked,
// referenced) and, if poff is given, set *poff to the entry's offset. NULL
// if name is absent, or if the inode table has no room for it.
struct inode *dirlookup(struct inode *dp, char *name, uint *poff)
{
  struct dirent de;

  if (dp->type != T_DIR)
    panic("dirlookup: not a directory");
  for (uint off = 0; off < dp->size; off += sizeof(de)) {
    dir_read(dp, off, &de);
    if (de.inum == 0 || namecmp(name, de.name) != 0)
      continue;
    if (poff)
      *poff = off;
    return iget(dp->dev, de.inum);
  }
  return NULL;
}

// Fill a dirent's name the way the on-disk format wants it: at most DIRSIZ
// bytes, and zero padding after a shorter name.
static void dirent_setname(struct dirent *de, const char *name)
{
  int i;
  for (i = 0; i < DIRSIZ && name[i] != '\0'; i++)
    de->name[i] = name[i];
  for (; i < DIRSIZ; i++)
    de->name[i] = '\0';
}

// Add the entry (name, inum) to dp, reusing a free slot if there is one.
// Returns -1 if the name already exists or the directory cannot grow.
int dirlink(struct inode *dp, char *name, uint inum)
{
  struct dirent de;
  struct inode *ip;
  uint off;

  ip = dirlookup(dp, name, NULL);
  if (ip != NULL) {
    iput(ip);
    return -1;
  }
  for (off = 0; off < dp->size; off += sizeof(de)) {
    dir_read(dp, off, &de);
    if (de.inum == 0)
      break;
  }
  de.inum = inum;
  dirent_setname(&de, name);
  if (writei(dp, 0, (uint64)&de, off, sizeof(de)) != sizeof(de))
    return -1;
  return 0;
}
