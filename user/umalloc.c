// malloc and free for user programs: a first-fit allocator over memory taken
// from the kernel with sbrk. Memory is never returned to the kernel; freed
// blocks are merged with free neighbours and reused.
#include "kernel/types.h"
#include "user/user.h"

// Every block, free or in use, begins with this 16-byte header, so the
// pointer handed to the caller (just past it) is 16-byte aligned like the
// block itself. size counts the whole block, header included, in bytes and is
// a multiple of 16. next links a free block to the next free block at a
// higher address; it means nothing while the block is in use.
struct block {
  uint64 size;
  struct block *next;
};

#define ALIGN       16
#define MIN_BLOCK   (2 * sizeof(struct block)) // a header and 16 usable bytes
#define GROW_AT_ONE (16 * 1024)                // smallest sbrk request, to limit system calls

// The free blocks, sorted by address so that neighbours can be merged.
static struct block *free_list;

// Puts block b into the address-ordered free list and merges it with the
// blocks immediately before and after it when they touch.
static void insert_free(struct block *b)
{
  struct block *prev = 0;
  struct block *next = free_list;

  while (next != 0 && next < b) {
    prev = next;
    next = next->next;
  }
  if (next == b || (prev != 0 && (char *)prev + prev->size > (char *)b))
    return; // b is already free (a double free): leave the list intact.
  b->next = next;
  if (next != 0 && (char *)b + b->size == (char *)next) {
    b->size += next->size;
    b->next = next->next;
  }
  if (prev == 0) {
    free_list = b;
  } else if ((char *)prev + prev->size == (char *)b) {
    prev->size += b->size;
    prev->next = b->next;
  } else {
    prev->next = b;
  }
}

// Asks the kernel for at least need more bytes and adds them to the free
// list. The current break may be unaligned if the program called sbrk itself,
// so the request includes padding up to the next 16-byte boundary.
static int grow_heap(uint64 need)
{
  uint64 amount = need < GROW_AT_ONE ? GROW_AT_ONE : need;
  uint64 pad;
  char *p;
  struct block *b;

  p = sbrk(0);
  if (p == (char *)-1)
    return -1;
  pad = (ALIGN - (uint64)p % ALIGN) % ALIGN;
  if (amount + pad > 0x7fffffff)
    return -1;
  p = sbrk((int)(amount + pad));
  if (p == (char *)-1)
    return -1;
  b = (struct block *)(p + pad);
  b->size = amount;
  insert_free(b);
  return 0;
}

// Removes the first free block of at least need bytes from the list, first
// splitting off its tail as a new free block if the tail is big enough to use.
static struct block *take_first_fit(uint64 need)
{
  struct block **link = &free_list;

  for (struct block *b = free_list; b != 0; link = &b->next, b = b->next) {
    if (b->size < need)
      continue;
    if (b->size - need >= MIN_BLOCK) {
      struct block *rest = (struct block *)((char *)b + need);
      rest->size = b->size - need;
      rest->next = b->next;
      b->size = need;
      *link = rest;
    } else {
      *link = b->next;
    }
    b->next = 0;
    return b;
  }
  return 0;
}

void *malloc(uint n)
{
  uint64 need = ((uint64)n + sizeof(struct block) + ALIGN - 1) & ~(uint64)(ALIGN - 1);
  struct block *b;

  if (need < MIN_BLOCK)
    need = MIN_BLOCK;
  b = take_first_fit(need);
  if (b == 0) {
    if (grow_heap(need) < 0)
      return 0;
    b = take_first_fit(need);
  }
  return b == 0 ? 0 : b + 1;
}

void free(void *p)
{
  if (p != 0)
    insert_free((struct block *)p - 1);
}
