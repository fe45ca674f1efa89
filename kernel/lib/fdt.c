// Device-tree blob reader: walks the structure block of a DTB for the node
// that describes RAM. The format is big-endian: a header of 32-bit fields,
// then tokens (begin node, property, end node, end) each aligned to 4 bytes.
// Every offset is checked against the blob's own length before it is read,
// so a damaged blob is refused rather than followed.
#include "kernel/types.h"
#include "kernel/lib/fdt.h"
#include "kernel/lib/string.h"

#define FDT_MAGIC      0xd00dfeed
#define FDT_BEGIN_NODE 1
#define FDT_END_NODE   2
#define FDT_PROP       3
#define FDT_NOP        4
#define FDT_END        9

// The blob being read: its bytes and how many of them may be read.
struct blob {
  const uchar *p;
  uint64 len;
};

static uint32 be32(const uchar *b)
{
  return (uint32)b[0] << 24 | (uint32)b[1] << 16 | (uint32)b[2] << 8 | b[3];
}

// The 32-bit word at off, or 0 with *ok cleared if it lies outside the blob.
static uint32 word(const struct blob *b, uint64 off, int *ok)
{
  if (off + 4 > b->len) {
    *ok = 0;
    return 0;
  }
  return be32(b->p + off);
}

// The length of the NUL-terminated string at off, or -1 if it runs out of
// the blob.
static long string_len(const struct blob *b, uint64 off)
{
  for (uint64 i = off; i < b->len; i++)
    if (b->p[i] == '\0')
      return (long)(i - off);
  return -1;
}

// Is the node name at off "memory" or "memory@<unit address>"?
static int is_memory_node(const struct blob *b, uint64 off, long n)
{
  return n >= 6 && strncmp((const char *)b->p + off, "memory", 6) == 0 &&
         (n == 6 || b->p[off + 6] == '@');
}

int fdt_memory(const void *dtb, uint64 maxlen, uint64 *base, uint64 *size)
{
  struct blob b = {dtb, 40};
  int ok = 1;
  if (dtb == 0 || maxlen < 40 || word(&b, 0, &ok) != FDT_MAGIC)
    return -1;
  uint64 total = word(&b, 4, &ok);
  b.len = total < maxlen ? total : maxlen;
  uint64 off = word(&b, 8, &ok), strings = word(&b, 12, &ok);
  int depth = 0, memory_depth = -1;
  while (ok) {
    uint32 token = word(&b, off, &ok);
    off += 4;
    if (token == FDT_BEGIN_NODE) {
      long n = string_len(&b, off);
      if (n < 0)
        return -1;
      depth++;
      if (depth == 2 && is_memory_node(&b, off, n))
        memory_depth = depth;
      off += ((uint64)n + 1 + 3) & ~3UL;
    } else if (token == FDT_END_NODE) {
      if (depth-- == memory_depth)
        memory_depth = -1;
    } else if (token == FDT_PROP) {
      uint32 len = word(&b, off, &ok), name = word(&b, off + 4, &ok);
      uint64 value = off + 8;
      long n = string_len(&b, strings + name);
      if (!ok || n < 0 || value + len > b.len)
        return -1;
      if (depth == memory_depth && n == 3 &&
          strncmp((const char *)b.p + strings + name, "reg", 3) == 0) {
        if (len < 16)
          return -1;
        *base = (uint64)be32(b.p + value) << 32 | be32(b.p + value + 4);
        *size = (uint64)be32(b.p + value + 8) << 32 | be32(b.p + value + 12);
        return 0;
      }
      off = value + ((len + 3) & ~3U);
    } else if (token != FDT_NOP) {
      return -1; // FDT_END, or not a token: no memory node was found
    }
  }
  return -1;
}
