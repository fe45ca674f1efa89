// Host tests of mkfs: run the real tool (path in $MKFS) on generated files in
// a temporary directory, then read the image back with the small reader
// below and check it is a well-formed xv6 file system holding those files.
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

#include "kernel/types.h"
#include "kernel/param.h"
#include "kernel/stat.h"
#include "kernel/fs.h"
#include "user/gradekey.h"

#define MAXENTRIES 256 // more root entries than an image can hold

static char dir[64];                 // this test's temporary directory
static uchar img[FSSIZE + 1][BSIZE]; // one spare block to catch a long image
static char errtext[4096];           // what mkfs printed on stderr

static void make_dir(void)
{
  strcpy(dir, "/tmp/mkfs-test-XXXXXX");
  cr_assert_not_null(mkdtemp(dir));
}

static void remove_dir(void)
{
  char cmd[128];
  snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
  cr_assert_eq(system(cmd), 0);
}

TestSuite(mkfs, .init = make_dir, .fini = remove_dir);

// A path inside the test directory. Each call gets its own string; the test
// process is short-lived, so they are never freed.
static char *in_dir(const char *name)
{
  char *p = malloc(strlen(dir) + strlen(name) + 2);
  cr_assert_not_null(p);
  sprintf(p, "%s/%s", dir, name);
  return p;
}

// Write a host file of n bytes whose contents depend on seed.
static void make_file(const char *name, size_t n, int seed)
{
  FILE *f = fopen(in_dir(name), "wb");
  cr_assert_not_null(f);
  for (size_t i = 0; i < n; i++)
    fputc((int)((i * 7 + seed * 13 + i / 251) & 0xff), f);
  cr_assert_eq(fclose(f), 0);
}

static void expected_bytes(uchar *buf, size_t n, int seed)
{
  for (size_t i = 0; i < n; i++)
    buf[i] = (uchar)((i * 7 + seed * 13 + i / 251) & 0xff);
}

// Run mkfs IMAGE FILE... with stderr captured into errtext; the exit status.
static int run_mkfs(const char *image, const char **files, int nfiles)
{
  const char *mkfs = getenv("MKFS");
  cr_assert_not_null(mkfs, "the test needs MKFS=path/to/mkfs");
  char *errpath = in_dir("stderr.txt");
  pid_t pid = fork();
  cr_assert(pid >= 0);
  if (pid == 0) {
    const char *argv[64] = {mkfs, image};
    for (int i = 0; i < nfiles; i++)
      argv[2 + i] = files[i];
    // Not <fcntl.h>: its struct stat would clash with xv6's kernel/stat.h.
    if (freopen(errpath, "w", stderr) == NULL || freopen("/dev/null", "w", stdout) == NULL)
      _exit(126);
    execv(mkfs, (char **)argv);
    _exit(127);
  }
  int status;
  cr_assert_eq(waitpid(pid, &status, 0), pid);
  FILE *f = fopen(errpath, "r");
  size_t n = f ? fread(errtext, 1, sizeof(errtext) - 1, f) : 0;
  errtext[n] = '\0';
  if (f)
    fclose(f);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static void load_image(const char *image)
{
  FILE *f = fopen(image, "rb");
  cr_assert_not_null(f, "mkfs did not write %s", image);
  size_t n = fread(img, BSIZE, FSSIZE + 1, f);
  fclose(f);
  cr_assert_eq(n, FSSIZE, "image has %zu blocks, want %d", n, FSSIZE);
}

// ---------------------------------------------------------------------------
// The reader.

static struct superblock super(void)
{
  struct superblock sb;
  memcpy(&sb, img[1], sizeof(sb));
  return sb;
}

static struct dinode inode(uint inum)
{
  struct superblock sb = super();
  struct dinode d;
  cr_assert(inum < sb.ninodes);
  memcpy(&d, img[IBLOCK(inum, sb)] + (inum % IPB) * sizeof(d), sizeof(d));
  return d;
}

static uint block_of(const struct dinode *d, uint bn)
{
  if (bn < NDIRECT)
    return d->addrs[bn];
  uint addr;
  cr_assert_neq(d->addrs[NDIRECT], 0);
  memcpy(&addr, img[d->addrs[NDIRECT]] + (bn - NDIRECT) * sizeof(uint), sizeof(addr));
  return addr;
}

// Copy the contents of inode inum into buf; returns the size.
static uint read_file(uint inum, uchar *buf)
{
  struct dinode d = inode(inum);
  struct superblock sb = super();
  for (uint off = 0; off < d.size; off += BSIZE) {
    uint b = block_of(&d, off / BSIZE);
    cr_assert(b >= sb.bmapstart + 1 && b < sb.size, "inode %u uses block %u", inum, b);
    uint m = d.size - off < BSIZE ? d.size - off : BSIZE;
    memcpy(buf + off, img[b], m);
  }
  return d.size;
}

// The root directory's entries; returns how many.
static int root_entries(struct dirent *des, int max)
{
  static uchar buf[MAXFILE * BSIZE];
  uint size = read_file(ROOTINO, buf);
  cr_assert_eq(size % sizeof(struct dirent), 0);
  int n = size / sizeof(struct dirent);
  cr_assert(n <= max);
  memcpy(des, buf, size);
  return n;
}

// The inode number of /name, or 0.
static uint lookup(const char *name)
{
  struct dirent des[MAXENTRIES];
  int n = root_entries(des, MAXENTRIES);
  for (int i = 0; i < n; i++) {
    if (des[i].inum != 0 && strncmp(des[i].name, name, DIRSIZ) == 0)
      return des[i].inum;
  }
  return 0;
}

static int bitmap_bit(uint b)
{
  struct superblock sb = super();
  return (img[BBLOCK(b, sb)][(b % BPB) / 8] >> (b % 8)) & 1;
}

// Build an image from files made by make_file(name, size, seed=index).
struct spec {
  const char *name;
  size_t size;
};

static void build(const struct spec *specs, int n)
{
  const char *paths[32];
  for (int i = 0; i < n; i++) {
    make_file(specs[i].name, specs[i].size, i);
    paths[i] = in_dir(specs[i].name);
  }
  int rc = run_mkfs(in_dir("fs.img"), paths, n);
  cr_assert_eq(rc, 0, "mkfs failed: %s", errtext);
  load_image(in_dir("fs.img"));
}

static const struct spec sample[] = {
    {"empty", 0},
    {"one", 1},
    {"_prog", 1024}, // exactly one block; '_' is dropped
    {"twoblocks", 1025},
    {"direct", NDIRECT *BSIZE}, // fills the direct blocks exactly
    {"indirect", NDIRECT *BSIZE + 1},
    {"biggest", MAXFILE *BSIZE},
    {"abcdefghijklmn", 77}, // a name of exactly DIRSIZ characters
};
#define NSAMPLE ((int)(sizeof(sample) / sizeof(sample[0])))

// The name a sample file has inside the image.
static const char *image_name(const struct spec *s)
{
  return s->name[0] == '_' ? s->name + 1 : s->name;
}

Test(mkfs, superblock_describes_the_xv6_layout)
{
  build(sample, 1);
  struct superblock sb = super();
  cr_assert_eq(sb.magic, FSMAGIC);
  cr_assert_eq(sb.size, FSSIZE);
  cr_assert_eq(sb.nlog, LOGSIZE + 1);
  cr_assert_eq(sb.logstart, 2);
  cr_assert_eq(sb.ninodes, 200);
  cr_assert_eq(sb.inodestart, sb.logstart + sb.nlog);
  cr_assert_eq(sb.bmapstart, sb.inodestart + sb.ninodes / IPB + 1);
  cr_assert_eq(sb.nblocks, sb.size - (sb.bmapstart + 1));
}

Test(mkfs, root_directory_has_dot_dotdot_and_every_file)
{
  build(sample, NSAMPLE);
  struct dinode root = inode(ROOTINO);
  cr_assert_eq(root.type, T_DIR);
  struct dirent des[MAXENTRIES];
  int n = root_entries(des, MAXENTRIES);
  cr_assert_eq(n, 2 + NSAMPLE);
  cr_assert_str_eq(des[0].name, ".");
  cr_assert_eq(des[0].inum, ROOTINO);
  cr_assert_str_eq(des[1].name, "..");
  cr_assert_eq(des[1].inum, ROOTINO, "the root is its own parent");
  for (int i = 0; i < NSAMPLE; i++)
    cr_assert_neq(lookup(image_name(&sample[i])), 0, "%s missing", sample[i].name);
  cr_assert_eq(lookup("_prog"), 0, "the leading '_' should be dropped");
}

Test(mkfs, file_bytes_read_back_equal)
{
  static uchar got[MAXFILE * BSIZE], want[MAXFILE * BSIZE];
  build(sample, NSAMPLE);
  for (int i = 0; i < NSAMPLE; i++) {
    uint inum = lookup(image_name(&sample[i]));
    struct dinode d = inode(inum);
    cr_assert_eq(d.type, T_FILE);
    cr_assert_eq(d.nlink, 1);
    cr_assert_eq(read_file(inum, got), sample[i].size, "%s has the wrong size", sample[i].name);
    expected_bytes(want, sample[i].size, i);
    cr_assert_eq(memcmp(got, want, sample[i].size), 0, "%s differs", sample[i].name);
  }
}

// Every block mkfs put to use: metadata, and each inode's data and indirect
// blocks. Also checks that no block is used twice.
static void used_blocks(uchar *used)
{
  struct superblock sb = super();
  memset(used, 0, FSSIZE);
  for (uint b = 0; b <= sb.bmapstart; b++)
    used[b] = 1;
  for (uint inum = 1; inum < sb.ninodes; inum++) {
    struct dinode d = inode(inum);
    if (d.type == 0)
      continue;
    uint nb = (d.size + BSIZE - 1) / BSIZE;
    if (nb > NDIRECT) {
      cr_assert_eq(used[d.addrs[NDIRECT]], 0, "block %u used twice", d.addrs[NDIRECT]);
      used[d.addrs[NDIRECT]] = 1;
    }
    for (uint bn = 0; bn < nb; bn++) {
      uint b = block_of(&d, bn);
      cr_assert(b < FSSIZE);
      cr_assert_eq(used[b], 0, "block %u used twice", b);
      used[b] = 1;
    }
  }
}

Test(mkfs, bitmap_marks_exactly_the_used_blocks)
{
  uchar used[FSSIZE];
  build(sample, NSAMPLE);
  used_blocks(used);
  for (uint b = 0; b < FSSIZE; b++)
    cr_assert_eq(bitmap_bit(b), used[b], "bitmap bit of block %u is %d, want %d", b, bitmap_bit(b),
                 used[b]);
}

Test(mkfs, unused_inodes_are_free)
{
  build(sample, NSAMPLE);
  cr_assert_eq(inode(0).type, 0, "inode 0 is never used");
  cr_assert_eq(inode(NSAMPLE + 2).type, 0);
  cr_assert_eq(inode(199).type, 0);
}

// --gradekey adds /gradekey: the marker the grader looks for at the start of
// a block, then a key of zeros (no grader yet); other files are unchanged.
Test(mkfs, gradekey_option_adds_the_key_placeholder)
{
  static uchar got[MAXFILE * BSIZE];
  make_file("one", 1, 0);
  const char *args[] = {in_dir("fs.img"), in_dir("one")};
  cr_assert_eq(run_mkfs("--gradekey", args, 2), 0, "mkfs failed: %s", errtext);
  load_image(in_dir("fs.img"));
  uint inum = lookup(GRADEKEY_NAME);
  cr_assert_neq(inum, 0, "no /gradekey");
  cr_assert_eq(read_file(inum, got), GRADEKEY_SIZE);
  cr_assert_eq(memcmp(got, GRADEKEY_MARKER, GRADEKEY_MARKER_LEN), 0);
  for (int i = GRADEKEY_MARKER_LEN; i < GRADEKEY_SIZE; i++)
    cr_assert_eq(got[i], 0, "key byte %d is not zero", i - GRADEKEY_MARKER_LEN);
  cr_assert_eq(memcmp(img[inode(inum).addrs[0]], GRADEKEY_MARKER, GRADEKEY_MARKER_LEN), 0,
               "the marker starts its block");
  cr_assert_neq(lookup("one"), 0);
}

// A refused image: non-zero exit, a message naming the problem, no image.
static void assert_refused(const char **paths, int n, const char *why)
{
  int rc = run_mkfs(in_dir("bad.img"), paths, n);
  cr_assert_neq(rc, 0, "mkfs accepted what it should refuse (%s)", why);
  cr_assert(strstr(errtext, why) != NULL, "message \"%s\" does not say \"%s\"", errtext, why);
  cr_assert_neq(access(in_dir("bad.img"), F_OK), 0, "a refused image was still written");
}

Test(mkfs, name_longer_than_dirsiz_is_refused)
{
  make_file("abcdefghijklmno", 10, 0);
  const char *paths[] = {in_dir("abcdefghijklmno")};
  assert_refused(paths, 1, "longer than 14");
}

Test(mkfs, duplicate_name_is_refused)
{
  make_file("x", 10, 0);
  make_file("_x", 10, 1);
  const char *paths[] = {in_dir("x"), in_dir("_x")};
  assert_refused(paths, 2, "already has");
}

Test(mkfs, file_bigger_than_maxfile_is_refused)
{
  make_file("huge", MAXFILE * BSIZE + 1, 0);
  const char *paths[] = {in_dir("huge")};
  assert_refused(paths, 1, "largest file");
}

Test(mkfs, full_disk_is_refused)
{
  // Eight maximal files need 8 * 269 blocks, more than the ~1950 data blocks.
  const char *names[] = {"f0", "f1", "f2", "f3", "f4", "f5", "f6", "f7"};
  const char *paths[8];
  for (int i = 0; i < 8; i++) {
    make_file(names[i], MAXFILE * BSIZE, i);
    paths[i] = in_dir(names[i]);
  }
  assert_refused(paths, 8, "disk full");
}
