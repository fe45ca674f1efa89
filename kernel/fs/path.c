// Path names: splitting "a/b/c" into elements and walking them from the root
// or the current directory. skipelem is pure string work (host-tested); the
// walk relies on the inode layer and myproc()->cwd.
#include <stddef.h>
#include "kernel/types.h"
#include "kernel/param.h"
#include "kernel/stat.h"
#include "kernel/fs.h"
#include "kernel/lib/string.h"
#include "kernel/proc/proc.h"
#include "kernel/fs/inode.h"

// Copy the first element of path into name and return the rest of the path
// with its leading slashes removed, or NULL if path has no element:
//   skipelem("a/bb/c", name) == "bb/c", name "a"
//   skipelem("///a//bb", name) == "bb", name "a"
//   skipelem("a", name) == "", name "a"
//   skipelem("", name) == skipelem("///", name) == NULL
// name has room for DIRSIZ bytes; a longer element is cut to DIRSIZ bytes
// with no NUL, which is how directory entries store a full-length name.
char *skipelem(char *path, char *name)
{
  while (*path == '/')
    path++;
  if (*path == '\0')
    return NULL;

  char *start = path;
  while (*path != '/' && *path != '\0')
    path++;
  long len = path - start;
  if (len >= DIRSIZ) {
    memmove(name, start, DIRSIZ);
  } else {
    memmove(name, start, len);
    name[len] = '\0';
  }

  while (*path == '/')
    path++;
  return path;
}

// Walk path. With want_parent, stop one element early: return the parent
// directory (unlocked) and leave the last element in name. Each step locks
// only the directory being searched, so a walk never holds two inode locks.
static struct inode *namex(char *path, int want_parent, char *name)
{
  struct inode *ip, *next;

  if (*path == '/')
    ip = iget(ROOTDEV, ROOTINO);
  else
    ip = idup(myproc()->cwd);
  if (ip == NULL)
    return NULL; // the inode table is full

  while ((path = skipelem(path, name)) != NULL) {
    ilock(ip);
    if (ip->type != T_DIR) {
      iunlockput(ip);
      return NULL;
    }
    if (want_parent && *path == '\0') {
      iunlock(ip); // name is the last element: ip is its parent
      return ip;
    }
    next = dirlookup(ip, name, NULL);
    iunlockput(ip);
    if (next == NULL)
      return NULL;
    ip = next;
  }
  if (want_parent) {
    iput(ip); // the path had no last element, e.g. "/"
    return NULL;
  }
  return ip;
}

struct inode *namei(char *path)
{
  char name[DIRSIZ];
  return namex(path, 0, name);
}

struct inode *nameiparent(char *path, char *name)
{
  return namex(path, 1, name);
}
