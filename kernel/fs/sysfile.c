// File-system system calls: argument checking and the pieces of a call that
// combine several layers (creating, linking and unlinking names, exec's
// argument vector). Relies on the syscall argument helpers, which return
// user-supplied values that are checked here before anything trusts them.
#include <stddef.h>
#include "kernel/types.h"
#include "kernel/param.h"
#include "kernel/riscv.h"
#include "kernel/stat.h"
#include "kernel/fcntl.h"
#include "kernel/fs.h"
#include "kernel/lib/printf.h"
#include "kernel/lib/string.h"
#include "kernel/mm/kalloc.h"
#include "kernel/mm/uaccess.h"
#include "kernel/proc/proc.h"
#include "kernel/proc/sysargs.h"
#include "kernel/proc/systable.h"
#include "kernel/fs/log.h"
#include "kernel/fs/inode.h"
#include "kernel/fs/file.h"

// Fetch argument n as a file descriptor of the current process. 0 or -1.
static int argfd(int n, int *pfd, struct file **pf)
{
  int fd;

  argint(n, &fd);
  if (fd < 0 || fd >= NOFILE)
    return -1;
  struct file *f = myproc()->ofile[fd];
  if (f == NULL)
    return -1;
  if (pfd)
    *pfd = fd;
  if (pf)
    *pf = f;
  return 0;
}

// Give f the lowest free descriptor of the current process, or -1.
static int fdalloc(struct file *f)
{
  struct proc *p = myproc();
  for (int fd = 0; fd < NOFILE; fd++) {
    if (p->ofile[fd] == NULL) {
      p->ofile[fd] = f;
      return fd;
    }
  }
  return -1;
}

uint64 sys_dup(void)
{
  struct file *f;
  int fd;

  if (argfd(0, NULL, &f) < 0)
    return -1;
  if ((fd = fdalloc(f)) < 0)
    return -1;
  filedup(f);
  return fd;
}

// The (fd, buffer, count) arguments of read and write. 0, or -1 if the
// descriptor is bad or the count negative.
static int argio(struct file **f, uint64 *addr, int *n)
{
  argaddr(1, addr);
  argint(2, n);
  if (*n < 0 || argfd(0, NULL, f) < 0)
    return -1;
  return 0;
}

uint64 sys_read(void)
{
  struct file *f;
  uint64 addr;
  int n;

  if (argio(&f, &addr, &n) < 0)
    return -1;
  return fileread(f, addr, n);
}

uint64 sys_write(void)
{
  struct file *f;
  uint64 addr;
  int n;

  if (argio(&f, &addr, &n) < 0)
    return -1;
  return filewrite(f, addr, n);
}

uint64 sys_close(void)
{
  struct file *f;
  int fd;

  if (argfd(0, &fd, &f) < 0)
    return -1;
  myproc()->ofile[fd] = NULL;
  fileclose(f);
  return 0;
}

uint64 sys_fstat(void)
{
  struct file *f;
  uint64 st;

  argaddr(1, &st);
  if (argfd(0, NULL, &f) < 0)
    return -1;
  return filestat(f, st);
}

// Is directory dp empty apart from "." and ".."? Caller holds dp->lock.
static int isdirempty(struct inode *dp)
{
  struct dirent de;

  for (uint off = 2 * sizeof(de); off < dp->size; off += sizeof(de)) {
    if (readi(dp, 0, (uint64)&de, off, sizeof(de)) != sizeof(de))
      panic("isdirempty: short directory entry");
    if (de.inum != 0)
      return 0;
  }
  return 1;
}

// Make new a second name for the file old (not for a directory).
uint64 sys_link(void)
{
  char old[MAXPATH], new[MAXPATH], name[DIRSIZ];
  struct inode *ip, *dp;

  if (argstr(0, old, MAXPATH) < 0 || argstr(1, new, MAXPATH) < 0)
    return -1;
  begin_op();
  if ((ip = namei(old)) == NULL) {
    end_op();
    return -1;
  }
  ilock(ip);
  if (ip->type == T_DIR) {
    iunlockput(ip);
    end_op();
    return -1;
  }
  // Count the link first: a crash then leaves a too-high count, never an
  // entry pointing at an inode whose count says it is free.
  ip->nlink++;
  iupdate(ip);
  iunlock(ip);

  if ((dp = nameiparent(new, name)) != NULL) {
    ilock(dp);
    // As in create(): no new entry in a directory that is already removed.
    int ok = dp->nlink > 0 && dp->dev == ip->dev && dirlink(dp, name, ip->inum) == 0;
    iunlockput(dp);
    if (ok) {
      iput(ip);
      end_op();
      return 0;
    }
  }
  ilock(ip);
  ip->nlink--;
  iupdate(ip);
  iunlockput(ip);
  end_op();
  return -1;
}

// Remove the entry at off in dp, then drop the link it held on ip. Both are
// locked; dp is released here, ip is left to the caller.
static void unlink_entry(struct inode *dp, uint off, struct inode *ip)
{
  struct dirent de;

  memset(&de, 0, sizeof(de));
  if (writei(dp, 0, (uint64)&de, off, sizeof(de)) != sizeof(de))
    panic("unlink: cannot clear directory entry");
  if (ip->type == T_DIR) {
    dp->nlink--; // ip's ".." no longer refers to dp
    iupdate(dp);
  }
  iunlockput(dp);
  ip->nlink--;
  iupdate(ip);
}

uint64 sys_unlink(void)
{
  char path[MAXPATH], name[DIRSIZ];
  struct inode *ip, *dp;
  uint off;

  if (argstr(0, path, MAXPATH) < 0)
    return -1;
  begin_op();
  if ((dp = nameiparent(path, name)) == NULL) {
    end_op();
    return -1;
  }
  ilock(dp);
  if (namecmp(name, ".") == 0 || namecmp(name, "..") == 0 ||
      (ip = dirlookup(dp, name, &off)) == NULL) {
    iunlockput(dp);
    end_op();
    return -1;
  }
  ilock(ip);
  if (ip->nlink < 1)
    panic("unlink: inode has no links");
  if (ip->type == T_DIR && !isdirempty(ip)) {
    iunlockput(ip);
    iunlockput(dp);
    end_op();
    return -1;
  }
  unlink_entry(dp, off, ip);
  iunlockput(ip);
  end_op();
  return 0;
}

// Give a new directory its "." and ".." entries. 0 or -1.
static int dir_init(struct inode *ip, struct inode *dp)
{
  if (dirlink(ip, ".", ip->inum) < 0 || dirlink(ip, "..", dp->inum) < 0)
    return -1;
  return 0;
}

// Create path as a new inode of the given type and return it locked. An
// existing file satisfies a request for a file (open's O_CREATE); anything
// else that exists is an error. NULL on any failure.
static struct inode *create(char *path, short type, short major, short minor)
{
  char name[DIRSIZ];
  struct inode *ip, *dp;

  if ((dp = nameiparent(path, name)) == NULL)
    return NULL;
  ilock(dp);
  // Another process may have removed the directory between our lookup and
  // the lock: an entry made in it now could never be reached or freed.
  if (dp->nlink == 0) {
    iunlockput(dp);
    return NULL;
  }
  if ((ip = dirlookup(dp, name, NULL)) != NULL) {
    iunlockput(dp);
    ilock(ip);
    if (type == T_FILE && (ip->type == T_FILE || ip->type == T_DEVICE))
      return ip;
    iunlockput(ip);
    return NULL;
  }
  if ((ip = ialloc(dp->dev, type)) == NULL) {
    iunlockput(dp);
    return NULL;
  }
  ilock(ip);
  ip->major = major;
  ip->minor = minor;
  ip->nlink = 1;
  iupdate(ip);
  if ((type == T_DIR && dir_init(ip, dp) < 0) || dirlink(dp, name, ip->inum) < 0) {
    // Undo: with no links, the final iput frees the inode and its blocks.
    ip->nlink = 0;
    iupdate(ip);
    iunlockput(ip);
    iunlockput(dp);
    return NULL;
  }
  if (type == T_DIR) {
    dp->nlink++; // for the new directory's ".."
    iupdate(dp);
  }
  iunlockput(dp);
  return ip;
}

// Find or create the inode open() is asked for and check that the mode
// suits it. Returns it locked, or NULL. Caller is inside an op.
static struct inode *open_inode(char *path, int omode)
{
  struct inode *ip;

  if (omode & O_CREATE)
    return create(path, T_FILE, 0, 0);
  if ((ip = namei(path)) == NULL)
    return NULL;
  ilock(ip);
  if (ip->type == T_DIR && omode != O_RDONLY) {
    iunlockput(ip); // directories change only through mkdir, link, unlink
    return NULL;
  }
  return ip;
}

uint64 sys_open(void)
{
  char path[MAXPATH];
  struct inode *ip;
  struct file *f;
  int omode, fd;

  argint(1, &omode);
  if (argstr(0, path, MAXPATH) < 0)
    return -1;
  begin_op();
  if ((ip = open_inode(path, omode)) == NULL) {
    end_op();
    return -1;
  }
  if (ip->type == T_DEVICE && (ip->major < 0 || ip->major >= NDEV)) {
    iunlockput(ip);
    end_op();
    return -1;
  }
  if ((f = filealloc()) == NULL || (fd = fdalloc(f)) < 0) {
    if (f)
      fileclose(f);
    iunlockput(ip);
    end_op();
    return -1;
  }
  f->type = ip->type == T_DEVICE ? FD_DEVICE : FD_INODE;
  f->major = ip->type == T_DEVICE ? ip->major : 0;
  f->off = 0;
  f->ip = ip;
  f->readable = !(omode & O_WRONLY);
  f->writable = (omode & O_WRONLY) || (omode & O_RDWR);
  if ((omode & O_TRUNC) && ip->type == T_FILE)
    itrunc(ip);
  iunlock(ip);
  end_op();
  return fd;
}

uint64 sys_mkdir(void)
{
  char path[MAXPATH];
  struct inode *ip;

  if (argstr(0, path, MAXPATH) < 0)
    return -1;
  begin_op();
  if ((ip = create(path, T_DIR, 0, 0)) == NULL) {
    end_op();
    return -1;
  }
  iunlockput(ip);
  end_op();
  return 0;
}

uint64 sys_mknod(void)
{
  char path[MAXPATH];
  struct inode *ip;
  int major, minor;

  argint(1, &major);
  argint(2, &minor);
  if (argstr(0, path, MAXPATH) < 0)
    return -1;
  begin_op();
  if ((ip = create(path, T_DEVICE, major, minor)) == NULL) {
    end_op();
    return -1;
  }
  iunlockput(ip);
  end_op();
  return 0;
}

uint64 sys_chdir(void)
{
  char path[MAXPATH];
  struct inode *ip;
  struct proc *p = myproc();

  if (argstr(0, path, MAXPATH) < 0)
    return -1;
  begin_op();
  if ((ip = namei(path)) == NULL) {
    end_op();
    return -1;
  }
  ilock(ip);
  if (ip->type != T_DIR) {
    iunlockput(ip);
    end_op();
    return -1;
  }
  iunlock(ip);
  iput(p->cwd);
  end_op();
  p->cwd = ip;
  return 0;
}

// Install both ends of a new pipe as descriptors and copy the two numbers
// to the user's int[2]; on any failure nothing is left open.
uint64 sys_pipe(void)
{
  struct proc *p = myproc();
  struct file *rf, *wf;
  uint64 fdarray;
  int fd[2];

  argaddr(0, &fdarray);
  if (pipealloc(&rf, &wf) < 0)
    return -1;
  fd[0] = fdalloc(rf);
  fd[1] = fd[0] < 0 ? -1 : fdalloc(wf);
  if (fd[1] < 0 || copyout(p->pagetable, fdarray, fd, sizeof(fd)) < 0) {
    if (fd[0] >= 0)
      p->ofile[fd[0]] = NULL;
    if (fd[1] >= 0)
      p->ofile[fd[1]] = NULL;
    fileclose(rf);
    fileclose(wf);
    return -1;
  }
  return 0;
}

// Copy the user's NULL-terminated argv array into kernel pages, one per
// string, into argv[0..MAXARG-1] (which starts zeroed). 0 or -1; on -1 the
// pages copied so far are still in argv for the caller to free.
static int exec_fetchargs(uint64 uargv, char **argv)
{
  for (int i = 0; i < MAXARG; i++) {
    uint64 uarg;
    if (fetchaddr(uargv + i * sizeof(uint64), &uarg) < 0)
      return -1;
    if (uarg == 0)
      return 0; // argv[i] is already NULL: the terminator
    if ((argv[i] = kalloc()) == NULL)
      return -1;
    if (fetchstr(uarg, argv[i], PGSIZE) < 0)
      return -1;
  }
  return -1; // no terminator within MAXARG entries
}

uint64 sys_exec(void)
{
  char path[MAXPATH];
  char *argv[MAXARG];
  uint64 uargv;
  int ret = -1;

  argaddr(1, &uargv);
  if (argstr(0, path, MAXPATH) < 0)
    return -1;
  memset(argv, 0, sizeof(argv));
  if (exec_fetchargs(uargv, argv) == 0)
    ret = kexec(path, argv);
  for (int i = 0; i < MAXARG && argv[i] != NULL; i++)
    kfree(argv[i]);
  return ret;
}
