// usertests, file system: truncation, inode lifetimes, files, directories,
// links and concurrent use. Relies on xv6's file semantics: offsets shared
// through fork and dup, no holes, DIRSIZ-byte names, MAXFILE-block files.
#include "user/usertests/usertests.h"

// Scratch for file contents, big enough for the largest single write here.
static char buf[(MAXOPBLOCKS + 3) * BSIZE];

static int file_size(const char *path)
{
  struct stat st;
  if (stat(path, &st) < 0)
    return -1;
  return (int)st.size;
}

// Read path into buf; returns the byte count.
static int read_file(const char *path)
{
  int fd = open(path, O_RDONLY);
  if (fd < 0)
    ut_fail("cannot open %s", path);
  int total = 0, n;
  while ((n = read(fd, buf + total, sizeof(buf) - total)) > 0)
    total += n;
  close(fd);
  if (n < 0)
    ut_fail("read of %s failed", path);
  return total;
}

// O_TRUNC empties the file for every descriptor open on it, and a descriptor
// opened earlier reads the new contents.
void t_truncate1(void)
{
  int fd1 = ut_create("trunc1.f");
  ut_write(fd1, "1234567", 7);
  close(fd1);
  int rd = open("trunc1.f", O_RDONLY);
  int tr = open("trunc1.f", O_WRONLY | O_TRUNC);
  int n = read(rd, buf, sizeof(buf));
  if (n != 0)
    ut_fail("after O_TRUNC, an older descriptor read %d bytes, want 0", n);
  if (file_size("trunc1.f") != 0)
    ut_fail("after O_TRUNC the size is %d, want 0", file_size("trunc1.f"));
  ut_write(tr, "abc", 3);
  n = read(rd, buf, sizeof(buf));
  if (n != 3 || memcmp(buf, "abc", 3) != 0)
    ut_fail("after rewriting, the older descriptor read %d bytes, want \"abc\"", n);
  close(rd);
  close(tr);
  unlink("trunc1.f");
}

// A write through a descriptor whose offset lies past the end of a file that
// another descriptor truncated either is refused (xv6: no holes) or leaves a
// zero-filled hole; never garbage.
void t_truncate2(void)
{
  int fd1 = ut_create("trunc2.f");
  ut_write(fd1, "abcd", 4);
  int fd2 = open("trunc2.f", O_WRONLY | O_TRUNC);
  int r = write(fd1, "x", 1);
  close(fd1);
  close(fd2);
  int n = read_file("trunc2.f");
  if (r == -1 && n != 0)
    ut_fail("the refused write left a %d-byte file, want 0", n);
  if (r == 1 && (n != 5 || memcmp(buf, "\0\0\0\0x", 5) != 0))
    ut_fail("the write past the end left %d bytes, want a 4-byte hole and x", n);
  if (r != -1 && r != 1)
    ut_fail("the write past the end returned %d", r);
  unlink("trunc2.f");
}

// One process truncating and rewriting a file while another writes and
// reads it: no crash, and the file only ever holds what they wrote.
void t_truncate3(void)
{
  close(ut_create("trunc3.f"));
  if (ut_fork() == 0) {
    for (int i = 0; i < 100; i++) {
      int fd = open("trunc3.f", O_WRONLY);
      if (fd < 0)
        ut_fail("the writer could not open the file");
      ut_write(fd, "wwwwwwwwww", 10);
      close(fd);
      fd = open("trunc3.f", O_RDONLY);
      int n = read(fd, buf, sizeof(buf));
      if (n < 0 || n > 10)
        ut_fail("the reader got %d bytes, want 0 to 10", n);
      close(fd);
    }
    exit(0);
  }
  for (int i = 0; i < 150; i++) {
    int fd = open("trunc3.f", O_CREATE | O_WRONLY | O_TRUNC);
    if (fd < 0)
      ut_fail("truncating open failed");
    ut_write(fd, "ttt", 3);
    close(fd);
  }
  if (ut_wait() != 0)
    ut_fail("the writer failed");
  int n = read_file("trunc3.f");
  for (int i = 0; i < n; i++)
    if (buf[i] != 'w' && buf[i] != 't')
      ut_fail("byte %d of the file is %d, which nobody wrote", i, buf[i]);
  unlink("trunc3.f");
}

// A directory removed while it is the cwd stays usable until left, and is
// gone afterwards.
void t_iput(void)
{
  if (mkdir("iputdir") != 0 || chdir("iputdir") != 0)
    ut_fail("mkdir or chdir failed");
  if (unlink("../iputdir") != 0)
    ut_fail("unlink of the cwd failed");
  if (chdir("..") != 0)
    ut_fail("chdir out of a removed directory failed");
  if (file_size("iputdir") != -1)
    ut_fail("the removed directory is still there");
}

// A process that exits while its cwd is a removed directory releases it.
void t_exitiput(void)
{
  if (ut_fork() == 0) {
    if (mkdir("eiputdir") != 0 || chdir("eiputdir") != 0)
      ut_fail("mkdir or chdir failed");
    if (unlink("../eiputdir") != 0)
      ut_fail("unlink of the cwd failed");
    exit(0);
  }
  if (ut_wait() != 0)
    ut_fail("the child failed");
  if (mkdir("eiputdir") != 0 || unlink("eiputdir") != 0)
    ut_fail("the name of the removed directory cannot be reused");
}

// A directory removed while another process has it open disappears when
// that process closes it.
void t_openiput(void)
{
  int ready[2], go[2];
  char c;
  if (mkdir("oiputdir") != 0 || pipe(ready) < 0 || pipe(go) < 0)
    ut_fail("mkdir or pipe failed");
  if (ut_fork() == 0) {
    int fd = open("oiputdir", O_RDONLY);
    write(ready[1], "r", 1);
    read(go[0], &c, 1);
    exit(fd < 0 ? 1 : 0);
  }
  read(ready[0], &c, 1);
  if (unlink("oiputdir") != 0)
    ut_fail("unlink of a directory open elsewhere failed");
  write(go[1], "g", 1);
  if (ut_wait() != 0)
    ut_fail("the child could not open the directory");
  if (file_size("oiputdir") != -1)
    ut_fail("the directory is still there");
}

// open finds what exists, refuses what does not (without O_CREATE), and
// refuses to open a directory for writing.
void t_open(void)
{
  int fd = open(ut_self, O_RDONLY);
  if (fd < 0)
    ut_fail("open(%s) failed", ut_self);
  close(fd);
  if (open("doesnotexist", O_RDONLY) != -1)
    ut_fail("open of a missing file succeeded");
  if ((fd = open(".", O_RDONLY)) < 0)
    ut_fail("open(\".\") for reading failed");
  close(fd);
  if (open(".", O_WRONLY) != -1 || open(".", O_RDWR) != -1)
    ut_fail("a directory was opened for writing");
}

// Many small writes land in order and read back intact.
void t_write(void)
{
  int fd = ut_create("write.f");
  for (int i = 0; i < 100; i++) {
    ut_write(fd, "aaaaaaaaaa", 10);
    ut_write(fd, "bbbbbbbbbb", 10);
  }
  close(fd);
  if (read_file("write.f") != 2000)
    ut_fail("the file holds %d bytes, want 2000", file_size("write.f"));
  for (int i = 0; i < 2000; i++)
    if (buf[i] != ((i / 10) % 2 ? 'b' : 'a'))
      ut_fail("byte %d is wrong", i);
  unlink("write.f");
}

// A file grows to exactly MAXFILE blocks, each reads back with its own
// number, and one more byte is refused.
void t_writebig(void)
{
  int fd = ut_create("writebig.f");
  for (int i = 0; i < (int)MAXFILE; i++) {
    ((int *)buf)[0] = i;
    ut_write(fd, buf, BSIZE);
  }
  int r = write(fd, "x", 1);
  if (r != -1)
    ut_fail("a write past MAXFILE blocks returned %d, want -1", r);
  close(fd);
  fd = open("writebig.f", O_RDONLY);
  for (int i = 0; i < (int)MAXFILE; i++) {
    if ((r = read(fd, buf, BSIZE)) != BSIZE)
      ut_fail("read of block %d returned %d", i, r);
    if (((int *)buf)[0] != i)
      ut_fail("block %d holds %d", i, ((int *)buf)[0]);
  }
  if ((r = read(fd, buf, BSIZE)) != 0)
    ut_fail("read past MAXFILE blocks returned %d, want 0", r);
  close(fd);
  unlink("writebig.f");
}

// Creating and removing many files leaves no name behind.
void t_create(void)
{
  char name[16];
  for (int i = 0; i < 52; i++) {
    ut_numname(name, "create", i);
    close(ut_create(name));
  }
  for (int i = 0; i < 52; i++) {
    ut_numname(name, "create", i);
    if (unlink(name) != 0)
      ut_fail("unlink(%s) failed", name);
    if (open(name, O_RDONLY) != -1)
      ut_fail("%s still opens after unlink", name);
  }
}

// mkdir, chdir in and back out through "..", and removal once empty.
void t_dir(void)
{
  if (mkdir("dirt") != 0)
    ut_fail("mkdir failed");
  if (mkdir("dirt") != -1)
    ut_fail("mkdir of an existing name succeeded");
  if (chdir("dirt") != 0)
    ut_fail("chdir failed");
  close(ut_create("f"));
  if (chdir("..") != 0)
    ut_fail("chdir(\"..\") failed");
  if (unlink("dirt") != -1)
    ut_fail("unlink of a non-empty directory succeeded");
  if (unlink("dirt/f") != 0 || unlink("dirt") != 0)
    ut_fail("removing the file and then the directory failed");
  if (chdir("dirt") != -1)
    ut_fail("chdir into a removed directory succeeded");
}

// A parent and child writing through one descriptor share its offset, so
// neither overwrites the other.
void t_sharedfd(void)
{
  int fd = ut_create("sharedfd.f");
  int child = ut_fork() == 0;
  for (int i = 0; i < 1000; i++)
    ut_write(fd, child ? "cccccccccc" : "pppppppppp", 10);
  if (child)
    exit(0);
  if (ut_wait() != 0)
    ut_fail("the child failed");
  close(fd);
  fd = open("sharedfd.f", O_RDONLY);
  int nc = 0, np = 0, n;
  while ((n = read(fd, buf, sizeof(buf))) > 0)
    for (int i = 0; i < n; i++) {
      nc += buf[i] == 'c';
      np += buf[i] == 'p';
    }
  close(fd);
  unlink("sharedfd.f");
  if (nc != 10000 || np != 10000)
    ut_fail("the file holds %d c and %d p, want 10000 each", nc, np);
}

// Four processes each writing its own file at once: every file holds exactly
// its writer's bytes.
void t_fourfiles(void)
{
  char name[16];
  for (int p = 0; p < 4; p++) {
    ut_numname(name, "fourfiles", p);
    if (ut_fork() == 0) {
      int fd = ut_create(name);
      memset(buf, '0' + p, 500);
      for (int i = 0; i < 12; i++)
        ut_write(fd, buf, 500);
      exit(0);
    }
  }
  for (int p = 0; p < 4; p++)
    if (ut_wait() != 0)
      ut_fail("a writer failed");
  for (int p = 0; p < 4; p++) {
    ut_numname(name, "fourfiles", p);
    int n = read_file(name);
    if (n != 6000)
      ut_fail("%s holds %d bytes, want 6000", name, n);
    for (int i = 0; i < n; i++)
      if (buf[i] != '0' + p)
        ut_fail("%s byte %d is %c, want %c", name, i, buf[i], '0' + p);
    unlink(name);
  }
}

// The name process p gives its file i in createdelete.
static void cd_name(char *name, int p, int i)
{
  name[0] = 'c';
  name[1] = 'd';
  name[2] = 'a' + p;
  ut_numname(name + 3, "", i);
}

// Four processes creating and deleting files in one directory at once leave
// exactly the files they kept.
void t_createdelete(void)
{
  char name[16];
  for (int p = 0; p < 4; p++) {
    if (ut_fork() == 0) {
      for (int i = 0; i < 20; i++) {
        cd_name(name, p, i);
        close(ut_create(name));
        if (i > 0 && i % 2 == 0) {
          cd_name(name, p, i / 2);
          if (unlink(name) != 0)
            ut_fail("unlink(%s) failed", name);
        }
      }
      exit(0);
    }
  }
  for (int p = 0; p < 4; p++)
    if (ut_wait() != 0)
      ut_fail("a creating process failed");
  for (int p = 0; p < 4; p++)
    for (int i = 0; i < 20; i++) {
      cd_name(name, p, i);
      int kept = i == 0 || i >= 10;
      int fd = open(name, O_RDONLY);
      if ((fd >= 0) != kept)
        ut_fail("%s %s, want it %s", name, fd >= 0 ? "exists" : "is missing",
                kept ? "kept" : "deleted");
      close(fd);
      unlink(name);
    }
}

// An unlinked file stays readable and writable through a descriptor opened
// earlier, and a new file of the same name is a different file.
void t_unlinkread(void)
{
  int fd = ut_create("unlinkread.f");
  ut_write(fd, "hello", 5);
  close(fd);
  fd = open("unlinkread.f", O_RDWR);
  if (unlink("unlinkread.f") != 0)
    ut_fail("unlink of an open file failed");
  int fd2 = ut_create("unlinkread.f");
  ut_write(fd2, "yy", 2);
  close(fd2);
  if (read(fd, buf, sizeof(buf)) != 5 || memcmp(buf, "hello", 5) != 0)
    ut_fail("the unlinked file's contents changed");
  if (write(fd, "!", 1) != 1)
    ut_fail("write to an unlinked open file failed");
  close(fd);
  if (read_file("unlinkread.f") != 2 || memcmp(buf, "yy", 2) != 0)
    ut_fail("the new file of the same name was disturbed");
  unlink("unlinkread.f");
}

// link gives a file a second name that works alone; links to a missing
// file, onto an existing name, or to a directory are refused.
void t_link(void)
{
  int fd = ut_create("link.a");
  ut_write(fd, "linked", 6);
  close(fd);
  if (link("link.a", "link.b") != 0)
    ut_fail("link failed");
  if (unlink("link.a") != 0)
    ut_fail("unlink of the first name failed");
  if (open("link.a", O_RDONLY) != -1)
    ut_fail("the first name still opens");
  if (read_file("link.b") != 6 || memcmp(buf, "linked", 6) != 0)
    ut_fail("the second name does not reach the data");
  if (link("link.b", "link.b") != -1 || link("link.none", "link.c") != -1)
    ut_fail("link onto an existing name or from a missing file succeeded");
  if (link(".", "link.dir") != -1)
    ut_fail("link to a directory succeeded");
  struct stat st = {0};
  if (stat("link.b", &st) < 0 || st.nlink != 1)
    ut_fail("the file has nlink %d, want 1", st.nlink);
  unlink("link.b");
}

// Each name in the concreate directory once: C0 .. C39.
static void cc_name(char *name, int i)
{
  ut_numname(name, "C", i);
}

// Fail if any name appears twice in the current directory; count the
// Cn names present.
static int cc_count_unique(void)
{
  static char seen[40];
  struct dirent de;
  int fd = open(".", O_RDONLY), n = 0;
  memset(seen, 0, sizeof(seen));
  while (read(fd, &de, sizeof(de)) == sizeof(de)) {
    if (de.inum == 0 || de.name[0] != 'C')
      continue;
    int i = atoi(de.name + 1);
    if (i < 0 || i >= 40 || seen[i]++)
      ut_fail("directory entry %s is duplicated or unexpected", de.name);
    n++;
  }
  close(fd);
  return n;
}

// Two processes creating, linking and unlinking the same names at once
// leave a directory with each name at most once, which both can then empty.
void t_concreate(void)
{
  char name[8];
  if (mkdir("concreate") != 0 || chdir("concreate") != 0)
    ut_fail("mkdir or chdir failed");
  int child = ut_fork() == 0;
  for (int i = 0; i < 40; i++) {
    cc_name(name, i);
    if (i % 3 == 1 && child)
      link("C0", name);
    else
      close(open(name, O_CREATE | O_RDWR));
  }
  if (child)
    exit(0);
  if (ut_wait() != 0)
    ut_fail("the child failed");
  int n = cc_count_unique();
  if (n != 40)
    ut_fail("%d of the 40 names exist", n);
  child = ut_fork() == 0;
  for (int i = 0; i < 40; i++) {
    cc_name(name, child ? 39 - i : i);
    unlink(name);
  }
  if (child)
    exit(0);
  ut_wait();
  if (cc_count_unique() != 0)
    ut_fail("names are left after both processes unlinked all of them");
  if (chdir("..") != 0 || unlink("concreate") != 0)
    ut_fail("the emptied directory cannot be removed");
}

// Two processes racing creates, links and unlinks over five names: after
// the race every inode's nlink equals the number of names that reach it.
void t_linkunlink(void)
{
  static const char *names[] = {"lu0", "lu1", "lu2", "lu3", "lu4"};
  int child = ut_fork() == 0;
  uint x = child ? 1 : 97;
  for (int i = 0; i < 200; i++) {
    x = x * 1103515245 + 12345;
    const char *name = names[(x >> 8) % 5];
    switch ((x >> 16) % 3) {
    case 0:
      close(open(name, O_CREATE | O_RDWR));
      break;
    case 1:
      link("lu0", name);
      break;
    default:
      unlink(name);
    }
  }
  if (child)
    exit(0);
  ut_wait();
  struct stat st[5];
  for (int i = 0; i < 5; i++)
    if (stat(names[i], &st[i]) < 0)
      st[i].ino = 0;
  for (int i = 0; i < 5; i++) {
    int names_here = 0;
    for (int j = 0; j < 5; j++)
      names_here += st[i].ino != 0 && st[j].ino == st[i].ino;
    if (st[i].ino != 0 && st[i].nlink != names_here)
      ut_fail("%s: nlink %d but %d names reach inode %d", names[i], st[i].nlink, names_here,
              st[i].ino);
  }
  for (int i = 0; i < 5; i++)
    unlink(names[i]);
}

// Paths through subdirectories with "." and ".." resolve to the right
// files, and a file in the middle of a path is refused.
void t_subdir(void)
{
  if (mkdir("sd") != 0 || mkdir("sd/dd") != 0)
    ut_fail("mkdir failed");
  int fd = ut_create("sd/ff");
  ut_write(fd, "ff", 2);
  close(fd);
  fd = ut_create("sd/dd/../dd/./ff");
  ut_write(fd, "FF", 2);
  close(fd);
  if (read_file("sd/dd/../ff") != 2 || memcmp(buf, "ff", 2) != 0)
    ut_fail("sd/dd/../ff does not reach sd/ff");
  if (read_file("./sd/./dd/ff") != 2 || memcmp(buf, "FF", 2) != 0)
    ut_fail("./sd/./dd/ff does not reach sd/dd/ff");
  if (link("sd/dd/ff", "sd/dd/../fl") != 0 || read_file("sd/fl") != 2 || buf[0] != 'F')
    ut_fail("a link made through .. does not reach its file");
  if (chdir("sd/dd") != 0 || read_file("../../sd/ff") != 2 || buf[0] != 'f')
    ut_fail("after chdir into sd/dd, ../../sd/ff does not reach sd/ff");
  if (chdir("../..") != 0 || file_size("sd/dd/ff") != 2)
    ut_fail("chdir(\"../..\") did not return to the start");
  if (open("sd/ff/x", O_CREATE | O_RDWR) != -1 || mkdir("sd/ff/x") != -1 ||
      open("sd/ff/..", O_RDONLY) != -1)
    ut_fail("a file was used in the middle of a path");
  if (unlink("sd") != -1 || unlink("sd/dd") != -1)
    ut_fail("a non-empty directory was removed");
  if (unlink("sd/dd/ff") || unlink("sd/fl") || unlink("sd/ff") || unlink("sd/dd") || unlink("sd"))
    ut_fail("removing the tree bottom-up failed");
}

// Single writes of every size from one byte to a dozen blocks are taken
// whole and read back intact.
void t_bigwrite(void)
{
  for (int size = 1; size <= 12 * BSIZE; size += 977) {
    int fd = ut_create("bigwrite.f");
    for (int i = 0; i < size; i++)
      buf[i] = (char)(i * 7 + size);
    ut_write(fd, buf, size);
    close(fd);
    if (read_file("bigwrite.f") != size)
      ut_fail("a %d-byte write left %d bytes", size, file_size("bigwrite.f"));
    for (int i = 0; i < size; i++)
      if (buf[i] != (char)(i * 7 + size))
        ut_fail("byte %d of a %d-byte write is wrong", i, size);
  }
  unlink("bigwrite.f");
}

// A file written in 600-byte pieces reads back in 150-byte pieces, across
// block boundaries.
void t_bigfile(void)
{
  int fd = ut_create("bigfile.f");
  for (int i = 0; i < 20; i++) {
    memset(buf, 'A' + i, 600);
    ut_write(fd, buf, 600);
  }
  close(fd);
  fd = open("bigfile.f", O_RDONLY);
  for (int piece = 0; piece < 80; piece++) {
    int n = read(fd, buf, 150);
    if (n != 150)
      ut_fail("read %d returned %d, want 150", piece, n);
    if (buf[0] != 'A' + piece / 4 || buf[149] != 'A' + piece / 4)
      ut_fail("read %d returned the wrong bytes", piece);
  }
  if (read(fd, buf, 150) != 0)
    ut_fail("reading past the end did not return 0");
  close(fd);
  unlink("bigfile.f");
}

// Names of exactly DIRSIZ bytes work at every level; a longer one is either
// refused or cut to DIRSIZ bytes (xv6), never mistaken for another name.
void t_fourteen(void)
{
  static const char d14[] = "12345678901234";
  if (DIRSIZ != 14)
    ut_fail("DIRSIZ is %d; this test assumes 14", DIRSIZ);
  if (mkdir(d14) != 0 || mkdir("12345678901234/12345678901234") != 0)
    ut_fail("mkdir with 14-character names failed");
  int fd = ut_create("12345678901234/12345678901234/12345678901234");
  close(fd);
  if (mkdir("12345678901234/12345678901234") != -1)
    ut_fail("mkdir of an existing 14-character name succeeded");
  fd = open("123456789012345/12345678901234/123456789012345", O_RDONLY);
  if (fd >= 0)
    close(fd);
  else if (open("12345678901234/12345678901234/12345678901234", O_RDONLY) < 0)
    ut_fail("the file with 14-character names cannot be opened");
  if (unlink("12345678901234/12345678901234/12345678901234") != 0 ||
      unlink("12345678901234/12345678901234") != 0 || unlink(d14) != 0)
    ut_fail("removing the 14-character names failed");
}

// "." and ".." cannot be removed, in the cwd or through a path, nor can a
// non-empty directory; an empty one can.
void t_rmdot(void)
{
  if (mkdir("dots") != 0 || chdir("dots") != 0)
    ut_fail("mkdir or chdir failed");
  if (unlink(".") != -1 || unlink("..") != -1)
    ut_fail("unlink of . or .. succeeded");
  if (chdir("..") != 0)
    ut_fail("chdir(\"..\") failed");
  if (unlink("dots/.") != -1 || unlink("dots/..") != -1)
    ut_fail("unlink of dots/. or dots/.. succeeded");
  if (mkdir("dots/sub") != 0 || unlink("dots") != -1)
    ut_fail("a non-empty directory was removed");
  if (unlink("dots/sub") != 0 || unlink("dots") != 0)
    ut_fail("removing the emptied directory failed");
}

// A plain file cannot be used as a directory, and a directory cannot be
// opened for writing or created over.
void t_dirfile(void)
{
  close(ut_create("dirfile"));
  if (chdir("dirfile") != -1)
    ut_fail("chdir into a file succeeded");
  if (open("dirfile/x", O_CREATE | O_RDWR) != -1 || mkdir("dirfile/x") != -1)
    ut_fail("creating inside a file succeeded");
  if (unlink("dirfile/x") != -1 || link(ut_self, "dirfile/x") != -1)
    ut_fail("unlink or link inside a file succeeded");
  if (open("dirfile/x", O_RDONLY) != -1)
    ut_fail("opening inside a file succeeded");
  if (unlink("dirfile") != 0)
    ut_fail("unlink of the file failed");
  if (mkdir("dirdir") != 0)
    ut_fail("mkdir failed");
  if (open("dirdir", O_CREATE | O_RDWR) != -1 || open("dirdir", O_WRONLY) != -1)
    ut_fail("a directory was opened for writing");
  if (unlink("dirdir") != 0)
    ut_fail("unlink of the directory failed");
}

// More mkdir/chdir/create/link/unlink rounds than NINODE: a leaked in-core
// inode reference per round would exhaust the inode table.
void t_iref(void)
{
  int depth = 0;
  for (; depth < NINODE + 5; depth++) {
    if (mkdir("irefd") != 0 || chdir("irefd") != 0)
      ut_fail("mkdir or chdir failed at depth %d: in-core inodes leaked?", depth);
    close(ut_create("x"));
    if (link("x", "y") != 0 || unlink("x") != 0 || unlink("y") != 0)
      ut_fail("create, link or unlink failed at depth %d", depth);
    if (open("x", O_RDONLY) != -1)
      ut_fail("an unlinked name still opens at depth %d", depth);
  }
  for (; depth > 0; depth--)
    if (chdir("..") != 0 || unlink("irefd") != 0)
      ut_fail("removing level %d failed", depth);
}

// More distinct files held open at once than the kernel's in-core inode
// table has room for (NINODE): the opens past that fail with -1, never a
// panic, and every file opens again once the holders have exited.
void t_itablefull(void)
{
  enum { NFILES = NINODE + 10, PER_CHILD = NOFILE - 5 };
  char name[8] = "itf";
  for (int i = 0; i < NFILES; i++) {
    name[3] = 'a' + i / 26;
    name[4] = 'a' + i % 26;
    close(ut_create(name));
  }
  int report[2], release[2];
  if (pipe(report) < 0 || pipe(release) < 0)
    ut_fail("pipe failed");
  int nchildren = (NFILES + PER_CHILD - 1) / PER_CHILD;
  for (int c = 0; c < nchildren; c++) {
    if (ut_fork() == 0) {
      close(release[1]);
      char failed = 0;
      for (int i = c * PER_CHILD; i < NFILES && i < (c + 1) * PER_CHILD; i++) {
        name[3] = 'a' + i / 26;
        name[4] = 'a' + i % 26;
        if (open(name, O_RDONLY) < 0)
          failed = 1;
      }
      write(report[1], &failed, 1);
      char go;
      read(release[0], &go, 1); // holds the files open until the parent lets go
      exit(0);
    }
  }
  close(release[0]);
  int failures = 0;
  for (int c = 0; c < nchildren; c++) {
    char failed;
    if (read(report[0], &failed, 1) != 1)
      ut_fail("a child did not report");
    failures += failed;
  }
  close(release[1]);
  for (int c = 0; c < nchildren; c++)
    ut_wait();
  close(report[0]);
  close(report[1]);
  if (failures == 0)
    ut_fail("%d files held open at once, more than NINODE = %d, and no open failed", NFILES,
            NINODE);
  for (int i = 0; i < NFILES; i++) {
    name[3] = 'a' + i / 26;
    name[4] = 'a' + i % 26;
    int fd = open(name, O_RDONLY);
    if (fd < 0)
      ut_fail("%s does not open again after the holders exited", name);
    close(fd);
    unlink(name);
  }
}
