// SHA-256 (FIPS 180-4) and HMAC-SHA256 (RFC 2104) for user programs: what a
// test program needs to tag its verdict lines (user/tag.c). Pure code on
// bytes, with no system call, so the host's unit tests compile it too.
#pragma once

#include "kernel/types.h"

#define SHA256_BLOCK  64 // bytes hashed at a time
#define SHA256_DIGEST 32 // bytes of a digest

struct sha256 {
  uint32 h[8];               // the hash so far
  uchar block[SHA256_BLOCK]; // bytes not yet hashed
  uint64 length;             // bytes given so far
};

void sha256_init(struct sha256 *s);
void sha256_update(struct sha256 *s, const void *data, uint n);
void sha256_final(struct sha256 *s, uchar digest[SHA256_DIGEST]);

// HMAC-SHA256 of the message msg (n bytes) under key (keylen bytes, any length).
void hmac_sha256(const uchar *key, uint keylen, const void *msg, uint n, uchar mac[SHA256_DIGEST]);
