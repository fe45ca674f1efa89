// The 2 MiB block pool for superpages (superpool.h). Whole blocks wait on a
// free list threaded through their first words, with a bit per block saying
// which are on it, so that a block freed twice panics rather than going to
// two owners. A block that is out (a superpage, or cut into small pages) has
// a list of its own free small pages and their count; at 512 it is whole
// again. Relies on the page reference counts (a block's first page counts for
// the whole superpage), spinlocks and the kstat counters; compiles on the
// host too.
#include <stddef.h>
#include "kernel/types.h"
#include "kernel/riscv.h"
#include "kernel/lib/printf.h"
#include "kernel/lib/spinlock.h"
#include "kernel/mm/counters.h"
#include "kernel/mm/refcount.h"
#include "kernel/mm/superpool.h"

// The most blocks the pool tracks: all of a 1 GiB machine, the largest the
// memory option allows.
#define SUPERPOOL_MAX 512
#define BLOCK_PAGES   (SUPERPGSIZE / PGSIZE)

struct freelink {
  struct freelink *next;
};

// A block that is out of the pool: its free small pages.
struct cutblock {
  struct freelink *pages;
  uint32 npages;
};

static struct {
  struct spinlock lock;  // guards everything below but base and end
  struct freelink *free; // whole blocks
  uint64 nfree;
  uint8 onpool[SUPERPOOL_MAX / 8]; // bit i: block i is on the free list
  struct cutblock cut[SUPERPOOL_MAX];
  uint64 cutpages;                               // the sum of cut[i].npages
  uint8 onlist[SUPERPOOL_MAX * BLOCK_PAGES / 8]; // bit per small page of a cut block
  // [base, end) holds every block the pool ever had; fixed after boot, so
  // read without the lock.
  uint64 base;
  uint64 end;
} pool;

static uint64 block_index(uint64 pa)
{
  return (pa - pool.base) / SUPERPGSIZE;
}

// Set (on 1) or clear (on 0) bit i of map; returns whether it was set.
static int bit_mark(uint8 *map, uint64 i, int on)
{
  uint8 bit = 1 << (i % 8);
  int was = (map[i / 8] & bit) != 0;
  map[i / 8] = on ? map[i / 8] | bit : map[i / 8] & ~bit;
  return was;
}

// Mark block pa in the pool (on 1) or out of it (on 0); returns whether it
// was in. pool.lock held.
static int onpool_mark(uint64 pa, int on)
{
  return bit_mark(pool.onpool, block_index(pa), on);
}

// Put block pa on the free list. pool.lock held.
static void block_link(uint64 pa)
{
  if (onpool_mark(pa, 1)) {
    release(&pool.lock); // the pool is whole: a host test that expects the panic goes on
    panic("superpool_free: block freed twice");
  }
  struct freelink *b = (struct freelink *)pa;
  b->next = pool.free;
  pool.free = b;
  pool.nfree++;
}

// Take a whole block off the free list, or NULL. pool.lock held.
static void *block_unlink(void)
{
  struct freelink *b = pool.free;
  if (b != NULL) {
    pool.free = b->next;
    pool.nfree--;
    onpool_mark((uint64)b, 0);
  }
  return b;
}

// Mark small page pa on its block's list (on 1) or off it; returns whether
// it was on. pool.lock held.
static int page_mark(uint64 pa, int on)
{
  return bit_mark(pool.onlist, (pa - pool.base) / PGSIZE, on);
}

// Put small page pa on its block's list; a block whose pages are all back
// goes back on the free list whole. pool.lock held.
static void cut_link(uint64 pa)
{
  if (page_mark(pa, 1)) {
    release(&pool.lock);
    panic("kfree: a page of a superpage block freed twice");
  }
  struct cutblock *c = &pool.cut[block_index(pa)];
  struct freelink *page = (struct freelink *)pa;
  page->next = c->pages;
  c->pages = page;
  c->npages++;
  pool.cutpages++;
  if (c->npages == BLOCK_PAGES) {
    uint64 b = SUPERPGROUNDDOWN(pa);
    for (uint64 off = 0; off < SUPERPGSIZE; off += PGSIZE)
      page_mark(b + off, 0);
    c->pages = NULL;
    c->npages = 0;
    pool.cutpages -= BLOCK_PAGES;
    block_link(b);
  }
}

uint64 superpool_init(uint64 lo, uint64 hi, uint64 want)
{
  initlock(&pool.lock, "superpool");
  pool.free = NULL;
  pool.nfree = 0;
  pool.cutpages = 0;
  for (int i = 0; i < SUPERPOOL_MAX; i++) {
    pool.cut[i].pages = NULL;
    pool.cut[i].npages = 0;
  }
  for (uint64 i = 0; i < sizeof(pool.onpool); i++)
    pool.onpool[i] = 0;
  for (uint64 i = 0; i < sizeof(pool.onlist); i++)
    pool.onlist[i] = 0;
  // Blocks are numbered from the lowest, so fix it before linking any.
  uint64 first = SUPERPGROUNDUP(lo);
  uint64 end = SUPERPGROUNDDOWN(hi);
  uint64 n = end > first ? (end - first) / SUPERPGSIZE : 0;
  if (n > want)
    n = want;
  if (n > SUPERPOOL_MAX)
    n = SUPERPOOL_MAX;
  pool.end = n == 0 ? hi : end;
  pool.base = pool.end - n * SUPERPGSIZE;
  acquire(&pool.lock);
  for (uint64 pa = pool.base; pa < pool.end; pa += SUPERPGSIZE)
    block_link(pa);
  release(&pool.lock);
  return pool.base;
}

void *superpool_alloc(void)
{
  acquire(&pool.lock);
  void *b = block_unlink();
  release(&pool.lock);
  if (b != NULL) {
    refcount_new((uint64)b);
    kstat_count(KSTAT_SUPERPAGE_ALLOC);
  }
  return b;
}

void superpool_free(void *pa)
{
  uint64 a = (uint64)pa;
  // Only superpages come here, and every one came from the pool.
  if (a % SUPERPGSIZE != 0 || a < pool.base || a >= pool.end)
    panic("superpool_free: not a block of the pool");
  if (!refcount_dec(a))
    return;
  acquire(&pool.lock);
  block_link(a);
  release(&pool.lock);
}

// A cut block with a free page, or NULL. pool.lock held.
static struct cutblock *cut_with_pages(void)
{
  for (uint64 i = 0; i < block_index(pool.end); i++)
    if (pool.cut[i].npages > 0)
      return &pool.cut[i];
  return NULL;
}

void *superpool_page_alloc(void)
{
  acquire(&pool.lock);
  struct cutblock *c = cut_with_pages();
  if (c == NULL) {
    // Cut a whole block: its pages were never handed out, or all came back.
    char *b = block_unlink();
    if (b == NULL) {
      release(&pool.lock);
      return NULL;
    }
    c = &pool.cut[block_index((uint64)b)];
    for (uint64 off = SUPERPGSIZE; off > 0; off -= PGSIZE) {
      struct freelink *page = (struct freelink *)(b + off - PGSIZE);
      page->next = c->pages;
      c->pages = page;
      page_mark((uint64)page, 1);
    }
    c->npages = BLOCK_PAGES;
    pool.cutpages += BLOCK_PAGES;
  }
  struct freelink *page = c->pages;
  c->pages = page->next;
  c->npages--;
  pool.cutpages--;
  page_mark((uint64)page, 0);
  release(&pool.lock);
  return page;
}

int superpool_page_free(void *pa)
{
  uint64 a = (uint64)pa;
  if (a < pool.base || a >= pool.end)
    return 0;
  acquire(&pool.lock);
  cut_link(a);
  release(&pool.lock);
  return 1;
}

uint64 superpool_nfree(void)
{
  acquire(&pool.lock);
  uint64 n = pool.nfree;
  release(&pool.lock);
  return n;
}

uint64 superpool_free_pages(void)
{
  acquire(&pool.lock);
  uint64 n = pool.nfree * BLOCK_PAGES + pool.cutpages;
  release(&pool.lock);
  return n;
}
