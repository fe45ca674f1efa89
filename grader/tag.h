/* Verdict-line tags: every run gets a fresh random key, written into the
 * /gradekey placeholder of its private image copy, and graded test programs
 * end their verdict lines with " [tag:ID:MAC]" (user/tag.c). A kernel that
 * prints such a line itself cannot make a MAC that verifies. The layout of
 * /gradekey and of a tag is user/gradekey.h. Relies on getrandom and
 * libcrypto's HMAC-SHA256. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "user/gradekey.h"

#define TAG_KEY_LEN GRADEKEY_KEY_LEN

/* A line's tag, as found at its end. */
struct tag_parts {
  size_t text_len; /* the line without " [tag:...]" */
  const char *id;  /* "PID.N", not NUL-terminated */
  size_t id_len;
  const char *mac; /* GRADEKEY_TAG_HEX hex digits */
};

/* A fresh key from getrandom; never all zero (that is "no key"). 0 or -1. */
int tag_new_key(unsigned char key[TAG_KEY_LEN]);

/* Where the image's /gradekey placeholder starts (its marker at the start of
 * a block, its key still zero), or -1 when it has none or more than one. */
long tag_find_placeholder(const char *image);

/* Writes key into the placeholder of `image`. 1 when written, 0 when the
 * image has no placeholder, -1 with a message on an I/O error. */
int tag_install(const char *image, const unsigned char key[TAG_KEY_LEN], char *err, size_t errlen);

/* True, with its parts, when line (len bytes, no newline) ends in a tag. */
bool tag_split(const char *line, size_t len, struct tag_parts *out);

/* The MAC a graded program prints for `id` and `text`, as hex (NUL-ended). */
void tag_mac(const unsigned char key[TAG_KEY_LEN], const char *id, size_t id_len, const char *text,
             size_t text_len, char hex[GRADEKEY_TAG_HEX + 1]);

/* True when the parts' MAC is the one `key` gives for the line's text. */
bool tag_verify(const unsigned char key[TAG_KEY_LEN], const char *line, const struct tag_parts *t);

/* Where the tagged text begins in the line: 0 when the MAC verifies for the
 * whole text, else the first later start at which it does (what came before
 * on the console line was not the program's: a shell prompt or the echo of
 * typed keys that its line raced), or -1 when no start of at most
 * GRADEKEY_TEXT_MAX bytes of text verifies. */
long tag_text_start(const unsigned char key[TAG_KEY_LEN], const char *line,
                    const struct tag_parts *t);
