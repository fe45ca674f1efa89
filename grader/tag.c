/* Keys and tags for verdict lines (tag.h): a key per run from getrandom,
 * the placeholder found by its marker at a block boundary of the image copy,
 * and tags checked with libcrypto's HMAC-SHA256, as user/tag.c makes them
 * with user/hmac.c. */
#define _GNU_SOURCE
#include "grader/tag.h"

#include <errno.h>
#include <fcntl.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#include "kernel/types.h"
#include "kernel/fs.h" /* BSIZE: a file's data starts at a block boundary */

static const char tag_open[] = " [tag:";

int tag_new_key(unsigned char key[TAG_KEY_LEN])
{
  bool zero = true;
  while (zero) {
    if (getrandom(key, TAG_KEY_LEN, 0) != TAG_KEY_LEN)
      return -1;
    for (int i = 0; i < TAG_KEY_LEN; i++)
      zero = zero && key[i] == 0;
  }
  return 0;
}

long tag_find_placeholder(const char *image)
{
  int fd = open(image, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return -1;
  static const unsigned char zeros[GRADEKEY_KEY_LEN];
  unsigned char block[BSIZE];
  long found = -1, at = 0;
  int matches = 0;
  while (pread(fd, block, sizeof block, at) == (ssize_t)sizeof block) {
    if (memcmp(block, GRADEKEY_MARKER, GRADEKEY_MARKER_LEN) == 0 &&
        memcmp(block + GRADEKEY_MARKER_LEN, zeros, GRADEKEY_KEY_LEN) == 0) {
      found = at;
      matches++;
    }
    at += BSIZE;
  }
  close(fd);
  /* Two placeholders: which one the programs read is unknowable here. */
  return matches == 1 ? found : -1;
}

int tag_install(const char *image, const unsigned char key[TAG_KEY_LEN], char *err, size_t errlen)
{
  long at = tag_find_placeholder(image);
  if (at < 0)
    return 0;
  int fd = open(image, O_WRONLY | O_CLOEXEC);
  ssize_t n = fd < 0 ? -1 : pwrite(fd, key, TAG_KEY_LEN, at + GRADEKEY_MARKER_LEN);
  int e = errno;
  if (fd >= 0 && close(fd) < 0 && n == TAG_KEY_LEN)
    n = -1, e = errno;
  if (n != TAG_KEY_LEN) {
    snprintf(err, errlen, "cannot write the grading key into %s: %s", image, strerror(e));
    return -1;
  }
  return 1;
}

static bool all_of(const char *s, size_t n, const char *set)
{
  for (size_t i = 0; i < n; i++)
    if (!s[i] || !strchr(set, s[i]))
      return false;
  return n > 0;
}

bool tag_split(const char *line, size_t len, struct tag_parts *out)
{
  /* " [tag:" ID ":" MAC "]" at the very end; the MAC has a fixed length. */
  if (len < sizeof tag_open - 1 + 1 + 1 + GRADEKEY_TAG_HEX + 1 || line[len - 1] != ']')
    return false;
  const char *mac = line + len - 1 - GRADEKEY_TAG_HEX;
  if (mac[-1] != ':' || !all_of(mac, GRADEKEY_TAG_HEX, "0123456789abcdef"))
    return false;
  const char *open = NULL;
  for (const char *p = line; (p = memmem(p, (size_t)(mac - p), tag_open, sizeof tag_open - 1)); p++)
    open = p;
  if (!open)
    return false;
  const char *id = open + sizeof tag_open - 1;
  size_t id_len = (size_t)(mac - 1 - id);
  if (id_len > 24 || !all_of(id, id_len, "0123456789."))
    return false;
  *out =
      (struct tag_parts){.text_len = (size_t)(open - line), .id = id, .id_len = id_len, .mac = mac};
  return true;
}

void tag_mac(const unsigned char key[TAG_KEY_LEN], const char *id, size_t id_len, const char *text,
             size_t text_len, char hex[GRADEKEY_TAG_HEX + 1])
{
  /* The message is "ID TEXT", as user/tag.c hashes it. */
  size_t n = id_len + 1 + text_len;
  char *msg = malloc(n ? n : 1);
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int mac_len = 0;
  if (!msg) {
    hex[0] = '\0';
    return;
  }
  memcpy(msg, id, id_len);
  msg[id_len] = ' ';
  memcpy(msg + id_len + 1, text, text_len);
  if (!HMAC(EVP_sha256(), key, TAG_KEY_LEN, (unsigned char *)msg, n, mac, &mac_len))
    mac_len = 0;
  free(msg);
  hex[0] = '\0';
  for (unsigned int i = 0; i < GRADEKEY_TAG_HEX / 2 && i < mac_len; i++)
    snprintf(hex + 2 * i, 3, "%02x", mac[i]);
}

static bool verify_text(const unsigned char key[TAG_KEY_LEN], const char *text, size_t len,
                        const struct tag_parts *t)
{
  char want[GRADEKEY_TAG_HEX + 1];
  tag_mac(key, t->id, t->id_len, text, len, want);
  /* A MAC compares in constant time, as a habit; the guest cannot time us. */
  return strlen(want) == GRADEKEY_TAG_HEX && CRYPTO_memcmp(want, t->mac, GRADEKEY_TAG_HEX) == 0;
}

bool tag_verify(const unsigned char key[TAG_KEY_LEN], const char *line, const struct tag_parts *t)
{
  return verify_text(key, line, t->text_len, t);
}

long tag_text_start(const unsigned char key[TAG_KEY_LEN], const char *line,
                    const struct tag_parts *t)
{
  if (verify_text(key, line, t->text_len, t))
    return 0;
  /* A program writes its tagged line in one write(), but the console line
   * may have begun before it: a background job's line after the prompt, or
   * inside the echo of the next command typed. Its text is then an end of
   * the line, no longer than tag_line makes one, which bounds the MACs a
   * line of bad tags costs. */
  size_t at = t->text_len > GRADEKEY_TEXT_MAX ? t->text_len - GRADEKEY_TEXT_MAX : 1;
  for (; at <= t->text_len; at++)
    if (verify_text(key, line + at, t->text_len - at, t))
      return (long)at;
  return -1;
}
