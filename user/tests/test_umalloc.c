// Host tests of the user-space allocator (user/umalloc.c). The allocator is
// compiled natively with malloc, free and sbrk renamed, so that it runs on a
// fake heap here instead of replacing libc's allocator.
#include <criterion/criterion.h>
#include <stdint.h>
#include <string.h>

void *umalloc(unsigned int n);
void ufree(void *p);
char *umalloc_test_sbrk(int n);

// The fake heap: sbrk hands out arena[0 .. limit) in order. Criterion runs
// each test in its own process, so every test starts with a fresh heap.
static char arena[1 << 20] __attribute__((aligned(16)));
static long heap_used;
static long heap_limit = sizeof(arena);
static int sbrk_grows;

char *umalloc_test_sbrk(int n)
{
  char *old = arena + heap_used;

  if (n < 0 || heap_used + n > heap_limit)
    return (char *)-1;
  heap_used += n;
  if (n > 0)
    sbrk_grows++;
  return old;
}

Test(umalloc, blocks_are_16_byte_aligned_and_do_not_overlap)
{
  char *p[64];

  for (int i = 0; i < 64; i++) {
    p[i] = umalloc(1 + i * 37);
    cr_assert_not_null(p[i]);
    cr_assert_eq((uintptr_t)p[i] % 16, 0, "block %d at %p is not 16-byte aligned", i, p[i]);
    memset(p[i], i, 1 + i * 37);
  }
  for (int i = 0; i < 64; i++) {
    for (int j = 0; j < 1 + i * 37; j++)
      cr_assert_eq((unsigned char)p[i][j], i, "block %d was overwritten at byte %d", i, j);
  }
}

// Frees two adjacent 1000-byte blocks in the given order, then asks for 1900
// bytes, which fit without growing the heap only if the two were merged.
static void check_merge(int lower_first)
{
  char *a = umalloc(1000);
  char *b = umalloc(1000);
  char *c = umalloc(1000);
  long used;

  cr_assert(a && b && c);
  ufree(lower_first ? a : b);
  ufree(lower_first ? b : a);
  used = heap_used;
  cr_assert_eq(umalloc(1900), a);
  cr_assert_eq(heap_used, used, "the heap grew although merged free space was enough");
}

Test(umalloc, block_freed_after_its_lower_neighbour_merges_into_it)
{
  check_merge(1);
}

Test(umalloc, block_freed_before_its_upper_neighbour_absorbs_it)
{
  check_merge(0);
}

Test(umalloc, freed_memory_is_reused_without_growing_the_heap)
{
  for (int i = 0; i < 10000; i++) {
    char *p = umalloc(100 + i % 500);
    cr_assert_not_null(p);
    ufree(p);
  }
  cr_assert_eq(sbrk_grows, 1);
}

Test(umalloc, returns_null_when_sbrk_fails)
{
  heap_limit = 0;
  cr_assert_null(umalloc(10));
}

Test(umalloc, returns_null_for_a_request_larger_than_sbrk_can_give)
{
  cr_assert_null(umalloc(0xfffffff0u));
  cr_assert_not_null(umalloc(100), "a failed huge request must not break later ones");
}

Test(umalloc, pads_an_unaligned_break)
{
  heap_used = 3; // as if the program had called sbrk(3) itself
  char *p = umalloc(8);
  cr_assert_not_null(p);
  cr_assert_eq((uintptr_t)p % 16, 0);
}

Test(umalloc, free_of_null_does_nothing)
{
  ufree(NULL);
  cr_assert_eq(heap_used, 0);
}
