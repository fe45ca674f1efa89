// Host unit tests of kernel/lib/string.c. The kernel file is compiled into
// this test with every function renamed kstr_* (see kernel/lib/meson.build),
// so the test calls the kernel's code and libc keeps its own.
#include <criterion/criterion.h>
#include <string.h>

void *kstr_memset(void *dst, int c, unsigned long n);
void *kstr_memmove(void *dst, const void *src, unsigned long n);
void *kstr_memcpy(void *dst, const void *src, unsigned long n);
int kstr_memcmp(const void *a, const void *b, unsigned long n);
unsigned long kstr_strlen(const char *s);
int kstr_strncmp(const char *a, const char *b, unsigned long n);
char *kstr_safestrcpy(char *dst, const char *src, int n);

Test(string, memset_fills_exactly_n_bytes_with_low_byte_of_c)
{
  unsigned char buf[8] = {1, 1, 1, 1, 1, 1, 1, 1};

  cr_assert_eq(kstr_memset(buf + 2, 0x1AB, 4), buf + 2);
  unsigned char want[8] = {1, 1, 0xAB, 0xAB, 0xAB, 0xAB, 1, 1};
  cr_assert_arr_eq(buf, want, sizeof(want));
}

Test(string, memmove_forward_overlap_keeps_source_bytes)
{
  // Destination above source: a naive forward copy would smear buf[0].
  char buf[] = "abcdefgh";

  cr_assert_eq(kstr_memmove(buf + 2, buf, 5), buf + 2);
  cr_assert_str_eq(buf, "ababcdeh");
}

Test(string, memmove_backward_overlap_keeps_source_bytes)
{
  // Destination below source: a naive backward copy would go wrong.
  char buf[] = "abcdefgh";

  cr_assert_eq(kstr_memmove(buf, buf + 3, 5), buf);
  cr_assert_str_eq(buf, "defghfgh");
}

Test(string, memmove_of_zero_bytes_touches_nothing)
{
  char buf[] = "xyz";

  kstr_memmove(buf, buf + 1, 0);
  cr_assert_str_eq(buf, "xyz");
}

Test(string, memcpy_copies_disjoint_buffers)
{
  char src[] = "hello, world";
  char dst[sizeof(src)] = {0};

  cr_assert_eq(kstr_memcpy(dst, src, sizeof(src)), dst);
  cr_assert_str_eq(dst, "hello, world");
}

Test(string, memcmp_treats_bytes_as_unsigned)
{
  unsigned char hi[] = {0x10, 0x80};
  unsigned char lo[] = {0x10, 0x7f};

  cr_assert_gt(kstr_memcmp(hi, lo, 2), 0);
  cr_assert_lt(kstr_memcmp(lo, hi, 2), 0);
  unsigned char ff[] = {0xff};
  unsigned char zero[] = {0x00};
  cr_assert_gt(kstr_memcmp(ff, zero, 1), 0);
}

Test(string, memcmp_equal_and_bounded_by_n)
{
  cr_assert_eq(kstr_memcmp("abcX", "abcY", 3), 0);
  cr_assert_eq(kstr_memcmp("a", "b", 0), 0);
  cr_assert_lt(kstr_memcmp("abcX", "abcY", 4), 0);
}

Test(string, strlen_counts_bytes_before_terminator)
{
  cr_assert_eq(kstr_strlen(""), 0);
  cr_assert_eq(kstr_strlen("a"), 1);
  cr_assert_eq(kstr_strlen("kernel\0hidden"), 6);
}

Test(string, strncmp_stops_after_n_bytes)
{
  cr_assert_eq(kstr_strncmp("abcdef", "abcxyz", 3), 0);
  cr_assert_lt(kstr_strncmp("abcdef", "abcxyz", 4), 0);
  cr_assert_eq(kstr_strncmp("abc", "xyz", 0), 0);
}

Test(string, strncmp_stops_at_terminator_and_orders_prefix_first)
{
  // Bytes after a shared terminator must not be compared.
  cr_assert_eq(kstr_strncmp("ab\0x", "ab\0y", 4), 0);
  cr_assert_lt(kstr_strncmp("ab", "abc", 10), 0);
  cr_assert_gt(kstr_strncmp("abc", "ab", 10), 0);
}

Test(string, strncmp_treats_bytes_as_unsigned)
{
  cr_assert_gt(kstr_strncmp("\x90", "\x10", 1), 0);
}

Test(string, safestrcpy_copies_short_string_whole)
{
  char dst[8];

  memset(dst, 'Z', sizeof(dst));
  cr_assert_eq(kstr_safestrcpy(dst, "sh", sizeof(dst)), dst);
  cr_assert_str_eq(dst, "sh");
}

Test(string, safestrcpy_truncates_and_terminates)
{
  char dst[8];

  memset(dst, 'Z', sizeof(dst));
  kstr_safestrcpy(dst, "averylongname", 5);
  cr_assert_str_eq(dst, "aver");
  cr_assert_eq(dst[5], 'Z', "wrote past n bytes");
}

Test(string, safestrcpy_with_n_one_gives_empty_string)
{
  char dst[4] = {'Z', 'Z', 'Z', 'Z'};

  kstr_safestrcpy(dst, "abc", 1);
  cr_assert_eq(dst[0], '\0');
  cr_assert_eq(dst[1], 'Z');
}

Test(string, safestrcpy_with_nonpositive_n_writes_nothing)
{
  char dst[2] = {'Z', 'Z'};

  kstr_safestrcpy(dst, "abc", 0);
  kstr_safestrcpy(dst, "abc", -3);
  cr_assert_eq(dst[0], 'Z');
  cr_assert_eq(dst[1], 'Z');
}

// Word-aligned calls take the eight-bytes-a-step path; these check it against
// libc on every alignment of destination, source and length near a word.
Test(string, memset_agrees_with_libc_at_every_alignment)
{
  for (int off = 0; off < 8; off++) {
    for (unsigned long n = 0; n <= 40; n++) {
      _Alignas(8) unsigned char got[64], want[64];
      memset(got, 0x11, sizeof(got));
      memset(want, 0x11, sizeof(want));
      kstr_memset(got + off, 0xC3, n);
      memset(want + off, 0xC3, n);
      cr_assert_arr_eq(got, want, sizeof(got), "offset %d, %lu bytes", off, n);
    }
  }
}

Test(string, memmove_agrees_with_libc_for_overlaps_and_alignments)
{
  for (int from = 0; from < 24; from++) {
    for (int to = 0; to < 24; to++) {
      for (unsigned long n = 0; n <= 32; n += 1) {
        _Alignas(8) unsigned char got[64], want[64];
        for (int i = 0; i < 64; i++)
          got[i] = want[i] = (unsigned char)(i * 7 + 1);
        kstr_memmove(got + to, got + from, n);
        memmove(want + to, want + from, n);
        cr_assert_arr_eq(got, want, sizeof(got), "from %d to %d, %lu bytes", from, to, n);
      }
    }
  }
}

Test(string, a_page_copy_moves_every_byte)
{
  static _Alignas(4096) unsigned char src[4096], dst[4096];
  for (int i = 0; i < 4096; i++)
    src[i] = (unsigned char)(i ^ (i >> 8));
  kstr_memmove(dst, src, sizeof(dst));
  cr_assert_arr_eq(dst, src, sizeof(src));
}
