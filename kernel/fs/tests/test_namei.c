// Host tests of namei and nameiparent (kernel/fs/path.c) over a fake inode
// layer: a small fixed directory tree, with reference counts and locks
// tracked so the tests can check that a walk leaves them balanced.
#include <criterion/criterion.h>
#include <string.h>

#include "kernel/types.h"
#include "kernel/param.h"
#include "kernel/stat.h"
#include "kernel/fs.h"
#include "kernel/proc/proc.h"
#include "kernel/fs/inode.h"

// The tree: / (1) holds a (2), x (5) and abcdefghijklmn (6); a holds b (3);
// b holds the file c (4).
enum { NFAKE = 7 };
static struct inode fake[NFAKE];
static int locked[NFAKE];

struct fake_entry {
  uint dir;
  const char *name;
  uint inum;
};

static const struct fake_entry entries[] = {
    {1, ".", 1}, {1, "..", 1}, {1, "a", 2}, {1, "x", 5}, {1, "abcdefghijklmn", 6},
    {2, ".", 2}, {2, "..", 1}, {2, "b", 3}, {3, ".", 3}, {3, "..", 2},
    {3, "c", 4},
};

static struct proc fakeproc;

struct proc *myproc(void)
{
  return &fakeproc;
}

struct inode *iget(uint dev, uint inum)
{
  cr_assert_eq(dev, ROOTDEV);
  cr_assert(inum > 0 && inum < NFAKE);
  fake[inum].ref++;
  return &fake[inum];
}

struct inode *idup(struct inode *ip)
{
  ip->ref++;
  return ip;
}

void ilock(struct inode *ip)
{
  cr_assert_eq(locked[ip->inum], 0, "inode %u locked twice", ip->inum);
  locked[ip->inum] = 1;
}

void iunlock(struct inode *ip)
{
  cr_assert_eq(locked[ip->inum], 1, "inode %u unlocked but not locked", ip->inum);
  locked[ip->inum] = 0;
}

void iput(struct inode *ip)
{
  cr_assert(ip->ref > 0, "inode %u put too often", ip->inum);
  ip->ref--;
}

void iunlockput(struct inode *ip)
{
  iunlock(ip);
  iput(ip);
}

int namecmp(const char *s, const char *t)
{
  return strncmp(s, t, DIRSIZ);
}

struct inode *dirlookup(struct inode *dp, char *name, uint *poff)
{
  cr_assert_eq(locked[dp->inum], 1, "dirlookup on an unlocked directory");
  for (uint i = 0; i < sizeof(entries) / sizeof(entries[0]); i++) {
    if (entries[i].dir == dp->inum && namecmp(name, entries[i].name) == 0) {
      if (poff)
        *poff = i * sizeof(struct dirent);
      return iget(ROOTDEV, entries[i].inum);
    }
  }
  return NULL;
}

// Each fake inode starts with one reference (the "table" keeps them alive)
// and the process's cwd holds one more on its directory.
static void setup_tree(void)
{
  memset(fake, 0, sizeof(fake));
  memset(locked, 0, sizeof(locked));
  for (uint i = 1; i < NFAKE; i++) {
    fake[i].dev = ROOTDEV;
    fake[i].inum = i;
    fake[i].ref = 1;
    fake[i].type = (i <= 3) ? T_DIR : T_FILE;
  }
  fakeproc.cwd = &fake[1];
  fake[1].ref++;
}

// After a walk every inode must be back to its baseline reference count,
// except `held` (the result), which carries one extra; no lock may be held.
static void assert_balanced(struct inode *held)
{
  for (uint i = 1; i < NFAKE; i++) {
    int want = 1 + (fakeproc.cwd == &fake[i]) + (held == &fake[i]);
    cr_assert_eq(fake[i].ref, want, "inode %u ref %d, want %d", i, fake[i].ref, want);
    cr_assert_eq(locked[i], 0, "inode %u left locked", i);
  }
}

static struct inode *walk(const char *path)
{
  char copy[MAXPATH];
  strcpy(copy, path);
  return namei(copy);
}

TestSuite(namei, .init = setup_tree);

Test(namei, absolute_path_reaches_file)
{
  struct inode *ip = walk("/a/b/c");
  cr_assert_eq(ip, &fake[4]);
  assert_balanced(ip);
}

Test(namei, relative_path_starts_at_cwd)
{
  fake[1].ref--;
  fakeproc.cwd = &fake[2];
  fake[2].ref++;
  struct inode *ip = walk("b/c");
  cr_assert_eq(ip, &fake[4]);
  assert_balanced(ip);
}

Test(namei, slash_alone_is_root)
{
  struct inode *ip = walk("/");
  cr_assert_eq(ip, &fake[1]);
  assert_balanced(ip);
}

Test(namei, dotdot_goes_up_and_stays_at_root)
{
  cr_assert_eq(walk("/a/b/.."), &fake[2]);
  cr_assert_eq(walk("/.."), &fake[1]);
  fake[2].ref--;
  fake[1].ref--;
  assert_balanced(NULL);
}

Test(namei, doubled_slashes_are_one_separator)
{
  struct inode *ip = walk("//x");
  cr_assert_eq(ip, &fake[5]);
  assert_balanced(ip);
  fake[5].ref--;
  ip = walk("a//b///c/");
  cr_assert_eq(ip, &fake[4]);
  assert_balanced(ip);
}

Test(namei, long_name_matches_entry_truncated_to_dirsiz)
{
  struct inode *ip = walk("/abcdefghijklmnopqrst");
  cr_assert_eq(ip, &fake[6]);
  assert_balanced(ip);
}

Test(namei, missing_name_fails_and_releases_everything)
{
  cr_assert_null(walk("/a/nope/c"));
  assert_balanced(NULL);
}

Test(namei, file_used_as_directory_fails)
{
  cr_assert_null(walk("/x/y"));
  assert_balanced(NULL);
}

Test(namei, nameiparent_returns_parent_and_last_name)
{
  char path[] = "/a/b/newfile";
  char name[DIRSIZ];
  struct inode *dp = nameiparent(path, name);
  cr_assert_eq(dp, &fake[3]);
  cr_assert_eq(namecmp(name, "newfile"), 0);
  assert_balanced(dp);
}

Test(namei, nameiparent_of_root_fails)
{
  char path[] = "/";
  char name[DIRSIZ];
  cr_assert_null(nameiparent(path, name));
  assert_balanced(NULL);
}
