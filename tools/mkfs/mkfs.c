// mkfs: host tool that writes an rvlab (xv6-format) file-system image holding
// the given files in its root directory. Builds the whole image in memory and
// writes it only if every file fit. Assumes a little-endian host, like RISC-V.
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/types.h"
#include "kernel/param.h"
#include "kernel/stat.h"
#include "kernel/fs.h"
#include "user/gradekey.h"

#if __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "mkfs writes the host's integers as they are: it needs a little-endian host"
#endif

#define NINODES 200
#define NLOG    (LOGSIZE + 1) // header block plus LOGSIZE data blocks

static uchar image[FSSIZE][BSIZE];
static struct superblock sb;
static uint next_inum = 1;  // inode 0 is never used; the root gets 1
static uint next_block;     // first data block not yet handed out
static const char *program; // argv[0], for messages

// Report why the image cannot be made and exit; no image is written.
__attribute__((format(printf, 1, 2), noreturn)) static void fail(const char *fmt, ...)
{
  va_list ap;

  fprintf(stderr, "%s: ", program);
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fprintf(stderr, "\n");
  exit(1);
}

// Work out the layout: boot block, superblock, log, inodes, bitmap, data.
static void layout(void)
{
  uint ninodeblocks = NINODES / IPB + 1;
  uint nbitmap = FSSIZE / BPB + 1;
  uint nmeta = 2 + NLOG + ninodeblocks + nbitmap;

  sb.magic = FSMAGIC;
  sb.size = FSSIZE;
  sb.nblocks = FSSIZE - nmeta;
  sb.ninodes = NINODES;
  sb.nlog = NLOG;
  sb.logstart = 2;
  sb.inodestart = 2 + NLOG;
  sb.bmapstart = 2 + NLOG + ninodeblocks;
  memcpy(image[1], &sb, sizeof(sb));
  next_block = nmeta;
}

// Inodes are read and written with memcpy because the image is plain bytes.
static struct dinode *dinode_get(uint inum, struct dinode *d)
{
  memcpy(d, image[IBLOCK(inum, sb)] + (inum % IPB) * sizeof(*d), sizeof(*d));
  return d;
}

static void dinode_put(uint inum, const struct dinode *d)
{
  memcpy(image[IBLOCK(inum, sb)] + (inum % IPB) * sizeof(*d), d, sizeof(*d));
}

static uint ialloc(short type)
{
  struct dinode d;

  if (next_inum >= sb.ninodes)
    fail("out of inodes (the image has %d)", NINODES);
  memset(&d, 0, sizeof(d));
  d.type = type;
  d.nlink = 1;
  dinode_put(next_inum, &d);
  return next_inum++;
}

static uint balloc(const char *what)
{
  if (next_block >= sb.size)
    fail("%s: disk full (the image has %d blocks)", what, FSSIZE);
  return next_block++;
}

// The disk block holding block bn of inode d, allocated if d has none yet.
static uint bmap(struct dinode *d, uint bn, const char *what)
{
  if (bn < NDIRECT) {
    if (d->addrs[bn] == 0)
      d->addrs[bn] = balloc(what);
    return d->addrs[bn];
  }
  bn -= NDIRECT;
  if (bn >= NINDIRECT)
    fail("%s: bigger than the largest file (%d blocks)", what, (int)MAXFILE);
  if (d->addrs[NDIRECT] == 0)
    d->addrs[NDIRECT] = balloc(what);
  uchar *slot = image[d->addrs[NDIRECT]] + bn * sizeof(uint);
  uint addr;
  memcpy(&addr, slot, sizeof(addr));
  if (addr == 0) {
    addr = balloc(what);
    memcpy(slot, &addr, sizeof(addr));
  }
  return addr;
}

// Append n bytes to the end of inode inum; `what` names it in messages.
static void iappend(uint inum, const void *data, uint n, const char *what)
{
  struct dinode d;
  const uchar *p = data;

  dinode_get(inum, &d);
  while (n > 0) {
    uint off = d.size % BSIZE;
    uint m = BSIZE - off < n ? BSIZE - off : n;
    uint bno = bmap(&d, d.size / BSIZE, what);
    memcpy(image[bno] + off, p, m);
    d.size += m;
    p += m;
    n -= m;
  }
  dinode_put(inum, &d);
}

static void dir_add(uint dir, const char *name, uint inum)
{
  struct dirent de;

  memset(&de, 0, sizeof(de));
  de.inum = inum;
  memcpy(de.name, name, strlen(name)); // callers checked it fits; the rest stays 0
  iappend(dir, &de, sizeof(de), name);
}

// Is name already an entry of the root directory?
static int root_has(const char *name)
{
  struct dinode d;
  struct dirent de;

  dinode_get(ROOTINO, &d);
  for (uint off = 0; off < d.size; off += sizeof(de)) {
    // The root directory is small enough to stay in its direct blocks.
    memcpy(&de, image[d.addrs[off / BSIZE]] + off % BSIZE, sizeof(de));
    if (strncmp(de.name, name, DIRSIZ) == 0)
      return 1;
  }
  return 0;
}

// The name a host file gets in the image: its basename without a leading
// '_' (xv6's build names programs _cat, _ls, ...).
static const char *image_name(const char *path)
{
  const char *base = strrchr(path, '/');
  base = base ? base + 1 : path;
  if (base[0] == '_')
    base++;
  if (base[0] == '\0')
    fail("%s: empty file name in the image", path);
  if (strlen(base) > DIRSIZ)
    fail("%s: name \"%s\" is longer than %d characters", path, base, DIRSIZ);
  if (root_has(base))
    fail("%s: the image already has a file named \"%s\"", path, base);
  return base;
}

// Copy the host file at path into a new inode, listed in the root.
static void add_file(const char *path)
{
  static uchar buf[MAXFILE * BSIZE + 1];
  const char *name = image_name(path);

  FILE *f = fopen(path, "rb");
  if (f == NULL)
    fail("%s: %s", path, strerror(errno));
  size_t n = fread(buf, 1, sizeof(buf), f);
  int bad = ferror(f);
  fclose(f);
  if (bad)
    fail("%s: cannot read it (is it a directory?)", path);
  if (n > MAXFILE * BSIZE)
    fail("%s: bigger than the largest file (%d blocks)", path, (int)MAXFILE);

  uint inum = ialloc(T_FILE);
  iappend(inum, buf, n, path);
  dir_add(ROOTINO, name, inum);
}

// /gradekey: the marker, then a key of zeros that the grader overwrites in
// its private copy of the image with the run's key (user/gradekey.h). As a
// file's first bytes, the marker starts a block, where the grader looks.
static void add_gradekey(void)
{
  uchar file[GRADEKEY_SIZE];

  if (root_has(GRADEKEY_NAME))
    fail("the image already has a file named \"%s\"", GRADEKEY_NAME);
  memset(file, 0, sizeof(file));
  memcpy(file, GRADEKEY_MARKER, GRADEKEY_MARKER_LEN);
  uint inum = ialloc(T_FILE);
  iappend(inum, file, sizeof(file), GRADEKEY_NAME);
  dir_add(ROOTINO, GRADEKEY_NAME, inum);
}

// Mark the metadata and every block handed out as used in the bitmap.
static void write_bitmap(void)
{
  for (uint b = 0; b < next_block; b++)
    image[BBLOCK(b, sb)][(b % BPB) / 8] |= 1 << (b % 8);
}

static void write_image(const char *path)
{
  FILE *f = fopen(path, "wb");
  if (f == NULL)
    fail("%s: %s", path, strerror(errno));
  size_t n = fwrite(image, BSIZE, FSSIZE, f);
  if (fclose(f) != 0 || n != FSSIZE) {
    remove(path);
    fail("%s: write error", path);
  }
}

int main(int argc, char *argv[])
{
  program = argv[0];
  // --gradekey: add the grading key's placeholder file (user/gradekey.h).
  int gradekey = argc > 1 && strcmp(argv[1], "--gradekey") == 0;
  argv += gradekey;
  argc -= gradekey;
  if (argc < 2) {
    fprintf(stderr, "usage: %s [--gradekey] IMAGE [FILE...]\n", program);
    return 2;
  }
  layout();

  uint root = ialloc(T_DIR);
  if (root != ROOTINO)
    fail("root directory got inode %u, not %d", root, ROOTINO);
  dir_add(root, ".", root);
  dir_add(root, "..", root); // the root is its own parent
  if (gradekey)
    add_gradekey();
  for (int i = 2; i < argc; i++)
    add_file(argv[i]);
  write_bitmap();
  write_image(argv[1]);

  printf("mkfs: %s: %u blocks: boot, super, log %u@%u, inodes %u@%u, bitmap %u@%u, "
         "data %u@%u (%u used); %u of %u inodes used\n",
         argv[1], sb.size, sb.nlog, sb.logstart, sb.bmapstart - sb.inodestart, sb.inodestart,
         sb.size - sb.nblocks - sb.bmapstart, sb.bmapstart, sb.nblocks, sb.size - sb.nblocks,
         next_block - (sb.size - sb.nblocks), next_inum - 1, sb.ninodes);
  return 0;
}
