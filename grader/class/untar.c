/* A tar reader for submissions (untar.h): POSIX ustar headers, with the
 * long names of GNU tar ('L') and of pax ('x', as Python's tarfile writes)
 * so that a member is judged by the name the student gave it. Every count
 * and size it reads is bounded before it is used. */
#define _GNU_SOURCE
#include "grader/class/untar.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { BLOCK = 512, NAME_MAX_LEN = 4096 };

struct stream {
  int fd;
  long long read, limit;
  char *why;
  size_t whylen;
};

/* Reads exactly n bytes: 1, 0 at a clean end of stream, or -1 with why. */
static int read_full(struct stream *s, void *buf, size_t n)
{
  size_t got = 0;
  if (s->read + (long long)n > s->limit) {
    snprintf(s->why, s->whylen, "it unpacks to more than %lld MB", s->limit >> 20);
    return -1;
  }
  while (got < n) {
    ssize_t r = read(s->fd, (char *)buf + got, n - got);
    if (r < 0 && errno == EINTR)
      continue;
    if (r < 0) {
      snprintf(s->why, s->whylen, "cannot read it: %s", strerror(errno));
      return -1;
    }
    if (r == 0)
      break;
    got += (size_t)r;
  }
  s->read += (long long)got;
  if (got == 0)
    return 0;
  if (got < n) {
    snprintf(s->why, s->whylen, "it ends in the middle of a member (truncated)");
    return -1;
  }
  return 1;
}

/* An octal field, or -1 if it is not one (base-256 sizes are refused: no
 * member of ours is gigabytes long). */
static long long octal(const char *field, size_t len)
{
  long long v = 0;
  size_t i = 0;
  while (i < len && field[i] == ' ')
    i++;
  if (i == len || field[i] < '0' || field[i] > '7')
    return -1;
  for (; i < len && field[i] >= '0' && field[i] <= '7'; i++) {
    if (v > (1LL << 50))
      return -1;
    v = v * 8 + (field[i] - '0');
  }
  return v;
}

static int checksum_ok(const unsigned char *h)
{
  long long want = octal((const char *)h + 148, 8);
  long long sum = 0;
  for (int i = 0; i < BLOCK; i++)
    sum += (i >= 148 && i < 156) ? ' ' : h[i];
  return want == sum;
}

/* A member's data, n bytes and the padding to the next block: into fd when
 * fd >= 0, else into buf when buf is given (a long name), else dropped. */
static int copy_data(struct stream *s, long long n, int fd, char *buf)
{
  char chunk[BLOCK * 16];
  long long padded = (n + BLOCK - 1) / BLOCK * BLOCK, done = 0;
  while (done < padded) {
    size_t want = padded - done < (long long)sizeof chunk ? (size_t)(padded - done) : sizeof chunk;
    if (read_full(s, chunk, want) != 1) {
      if (!s->why[0])
        snprintf(s->why, s->whylen, "it ends in the middle of a member (truncated)");
      return -1;
    }
    size_t useful = n - done < (long long)want ? (size_t)(n - done) : want;
    if (n <= done)
      useful = 0;
    if (fd >= 0 && useful && write(fd, chunk, useful) != (ssize_t)useful) {
      snprintf(s->why, s->whylen, "cannot write a member: %s", strerror(errno));
      return -1;
    }
    if (buf && useful)
      memcpy(buf + done, chunk, useful);
    done += (long long)want;
  }
  return 0;
}

/* The path and size records of a pax header ("LEN key=value\n" each). */
static void pax_fields(char *text, long long len, char *name, long long *size)
{
  char *p = text, *end = text + len;
  while (p < end) {
    char *space = memchr(p, ' ', (size_t)(end - p));
    long rec = strtol(p, NULL, 10);
    if (!space || rec <= 0 || rec > end - p)
      return;
    char *key = space + 1, *rec_end = p + rec;
    char *eq = memchr(key, '=', (size_t)(rec_end - key));
    if (eq && rec_end[-1] == '\n') {
      size_t vlen = (size_t)(rec_end - 1 - (eq + 1));
      if (eq - key == 4 && strncmp(key, "path", 4) == 0 && vlen < NAME_MAX_LEN) {
        memcpy(name, eq + 1, vlen);
        name[vlen] = '\0';
      } else if (eq - key == 4 && strncmp(key, "size", 4) == 0) {
        *size = strtoll(eq + 1, NULL, 10);
      }
    }
    p = rec_end;
  }
}

/* The name in a ustar header: prefix/name, each field possibly unterminated. */
static void header_name(const unsigned char *h, char *name)
{
  char base[101], prefix[156];
  memcpy(base, h, 100);
  base[100] = '\0';
  memcpy(prefix, h + 345, 155);
  prefix[155] = '\0';
  /* Only POSIX ustar has a prefix field; GNU tar keeps times there. */
  if (memcmp(h + 257, "ustar\0", 6) == 0 && prefix[0])
    snprintf(name, NAME_MAX_LEN, "%s/%s", prefix, base);
  else
    snprintf(name, NAME_MAX_LEN, "%s", base);
}

int untar_read(int fd, const struct untar_limits *lim, untar_take_fn take, void *ctx, char *why,
               size_t whylen)
{
  struct stream s = {.fd = fd, .limit = lim->total_bytes, .why = why, .whylen = whylen};
  unsigned char h[BLOCK];
  char long_name[NAME_MAX_LEN] = "", name[NAME_MAX_LEN];
  long long pax_size = -1;
  why[0] = '\0';
  for (long entries = 0;; entries++) {
    int r = read_full(&s, h, BLOCK);
    if (r < 0)
      return -1;
    static const unsigned char zero[BLOCK];
    if (r == 0 || memcmp(h, zero, BLOCK) == 0)
      return 0; /* the end-of-archive blocks, or a stream that just stops */
    if (entries >= lim->entries) {
      snprintf(why, whylen, "it holds more than %ld members", lim->entries);
      return -1;
    }
    if (!checksum_ok(h)) {
      snprintf(why, whylen, "a header's checksum is wrong at byte %lld: not a tar archive",
               s.read - BLOCK);
      return -1;
    }
    long long size = octal((const char *)h + 124, 12);
    char type = (char)h[156];
    if (size < 0) {
      snprintf(why, whylen, "a header's size is not a number at byte %lld", s.read - BLOCK);
      return -1;
    }
    if (type == 'L' || type == 'x') {
      /* A long name for the next member: at most a page of it is kept. */
      if (size >= NAME_MAX_LEN) {
        snprintf(why, whylen, "a member's name is longer than %d bytes", NAME_MAX_LEN - 1);
        return -1;
      }
      char text[NAME_MAX_LEN];
      if (copy_data(&s, size, -1, text) != 0)
        return -1;
      text[size] = '\0';
      if (type == 'L')
        snprintf(long_name, sizeof long_name, "%s", text);
      else
        pax_fields(text, size, long_name, &pax_size);
      continue;
    }
    if (long_name[0])
      snprintf(name, sizeof name, "%s", long_name);
    else
      header_name(h, name);
    if (pax_size >= 0)
      size = pax_size;
    if (size > lim->total_bytes) {
      snprintf(why, whylen, "it unpacks to more than %lld MB", lim->total_bytes >> 20);
      return -1;
    }
    long_name[0] = '\0';
    pax_size = -1;
    int regular = type == '0' || type == '\0';
    /* Only a regular file's header counts its data; any other member's size
     * is data to skip all the same, as tar does. */
    int out = take(ctx, name, regular, size);
    int rc = copy_data(&s, size, out, NULL);
    if (out >= 0)
      close(out);
    if (rc != 0)
      return -1;
  }
}
