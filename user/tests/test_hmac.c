/* Tests of the user library's SHA-256 and HMAC-SHA256 (user/hmac.c), built
 * for the host: RFC 4231's test vectors, FIPS 180-4's "abc" example, and
 * agreement with libcrypto (which the grader checks tags with) for every
 * message length across several blocks and keys shorter and longer than a
 * block. */
#include <criterion/criterion.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <stdio.h>
#include <string.h>

#include "user/hmac.h"

static void hex(const uchar *b, int n, char *out)
{
  for (int i = 0; i < n; i++)
    sprintf(out + 2 * i, "%02x", b[i]);
}

struct vector {
  uchar key[131];
  uint keylen;
  const char *msg;
  uint msglen;
  const char *mac; /* hex; RFC 4231's case 5 gives only the first 128 bits */
};

Test(hmac, rfc4231_test_vectors)
{
  static struct vector v[7];
  memset(v[0].key, 0x0b, v[0].keylen = 20);
  v[0].msg = "Hi There";
  v[0].mac = "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7";
  memcpy(v[1].key, "Jefe", v[1].keylen = 4);
  v[1].msg = "what do ya want for nothing?";
  v[1].mac = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";
  static char dd[50], cd[50];
  memset(dd, 0xdd, sizeof dd);
  memset(cd, 0xcd, sizeof cd);
  memset(v[2].key, 0xaa, v[2].keylen = 20);
  v[2].msg = dd, v[2].msglen = 50;
  v[2].mac = "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe";
  for (int i = 0; i < 25; i++)
    v[3].key[i] = (uchar)(i + 1);
  v[3].keylen = 25;
  v[3].msg = cd, v[3].msglen = 50;
  v[3].mac = "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b";
  memset(v[4].key, 0x0c, v[4].keylen = 20);
  v[4].msg = "Test With Truncation";
  v[4].mac = "a3b6167473100ee06e0c796c2955552b";
  memset(v[5].key, 0xaa, v[5].keylen = 131);
  v[5].msg = "Test Using Larger Than Block-Size Key - Hash Key First";
  v[5].mac = "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54";
  memset(v[6].key, 0xaa, v[6].keylen = 131);
  v[6].msg = "This is a test using a larger than block-size key and a larger than block-size "
             "data. The key needs to be hashed before being used by the HMAC algorithm.";
  v[6].mac = "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2";
  for (int i = 0; i < 7; i++) {
    uchar mac[SHA256_DIGEST];
    char got[2 * SHA256_DIGEST + 1];
    uint n = v[i].msglen ? v[i].msglen : (uint)strlen(v[i].msg);
    hmac_sha256(v[i].key, v[i].keylen, v[i].msg, n, mac);
    hex(mac, SHA256_DIGEST, got);
    cr_expect_eq(strncmp(got, v[i].mac, strlen(v[i].mac)), 0, "test case %d: %s, want %s", i + 1,
                 got, v[i].mac);
  }
}

Test(sha256, fips_180_4_abc_example)
{
  struct sha256 s;
  uchar d[SHA256_DIGEST];
  char got[2 * SHA256_DIGEST + 1];
  sha256_init(&s);
  sha256_update(&s, "abc", 3);
  sha256_final(&s, d);
  hex(d, SHA256_DIGEST, got);
  cr_assert_str_eq(got, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

/* Every length from 0 to 300 bytes crosses the padding's edge cases (55, 56
 * and 64 bytes, several blocks); keys of 0, 16, 32, 64, 65 and 200 bytes
 * cover both sides of the block size. Fed in pieces, SHA-256 must agree. */
Test(hmac, agrees_with_libcrypto_for_every_length_and_key_size)
{
  static uchar msg[300], key[200];
  for (int i = 0; i < 300; i++)
    msg[i] = (uchar)(i * 7 + 3);
  for (int i = 0; i < 200; i++)
    key[i] = (uchar)(i * 13 + 1);
  const uint keylens[] = {0, 16, 32, 64, 65, 200};
  for (uint len = 0; len <= sizeof msg; len++) {
    for (int k = 0; k < 6; k++) {
      uchar ours[SHA256_DIGEST], theirs[EVP_MAX_MD_SIZE];
      unsigned int theirs_len = 0;
      hmac_sha256(key, keylens[k], msg, len, ours);
      cr_assert_not_null(HMAC(EVP_sha256(), key, (int)keylens[k], msg, len, theirs, &theirs_len));
      cr_assert_eq(theirs_len, SHA256_DIGEST);
      cr_assert_eq(memcmp(ours, theirs, SHA256_DIGEST), 0, "message of %u bytes, key of %u", len,
                   keylens[k]);
    }
    struct sha256 s;
    uchar ours[SHA256_DIGEST], theirs[EVP_MAX_MD_SIZE];
    unsigned int theirs_len = 0;
    sha256_init(&s);
    sha256_update(&s, msg, len / 3);
    sha256_update(&s, msg + len / 3, len - len / 3);
    sha256_final(&s, ours);
    cr_assert(EVP_Digest(msg, len, theirs, &theirs_len, EVP_sha256(), NULL));
    cr_assert_eq(memcmp(ours, theirs, SHA256_DIGEST), 0, "SHA-256 of %u bytes in two pieces", len);
  }
}
