// Inodes, directories and path names: the file system proper (fs/inode.c,
// fs/dir.c, fs/path.c).
#pragma once

#include "kernel/types.h"
#include "kernel/fs.h"
#include "kernel/lib/sleeplock.h"

struct stat;

// In-memory copy of an inode. ref is guarded by the inode table's lock; the
// fields from valid on are guarded by lock (the sleep lock).
struct inode {
  uint dev;              // device number
  uint inum;             // inode number
  int ref;               // reference count
  struct sleeplock lock; // protects everything below here
  int valid;             // has the inode been read from disk?

  short type; // copy of the disk inode
  short major;
  short minor;
  short nlink;
  uint size;
  uint addrs[NDIRECT + 1];
};

extern struct superblock sb;

void fsinit(int dev); // read the superblock, recover the log
void iinit(void);

struct inode *ialloc(uint dev, short type); // NULL if no free inode
struct inode *iget(uint dev, uint inum);    // NULL if the inode table is full
struct inode *idup(struct inode *ip);
void ilock(struct inode *ip);
void iunlock(struct inode *ip);
void iput(struct inode *ip);
void iunlockput(struct inode *ip);
void iupdate(struct inode *ip);
void itrunc(struct inode *ip);
void stati(struct inode *ip, struct stat *st);

// Read or write n bytes at off; user_addr says whether dst/src is a user
// address. Return bytes transferred, or -1.
int readi(struct inode *ip, int user_dst, uint64 dst, uint off, uint n);
int writei(struct inode *ip, int user_src, uint64 src, uint off, uint n);

// Directories.
int namecmp(const char *s, const char *t);
struct inode *dirlookup(struct inode *dp, char *name, uint *poff);
int dirlink(struct inode *dp, char *name, uint inum);

// Path names. skipelem is pure and host-tested.
char *skipelem(char *path, char *name);
struct inode *namei(char *path);
struct inode *nameiparent(char *path, char *name);
