// BROKEN ON PURPOSE (refcount=none): no reference counts at all. Every drop
// is taken for the last, so the first process to free a shared page (at exit,
// exec or a COW copy) frees it for everyone; the others keep using a free page.
// Symptom: after a fork, the parent's memory turns to junk or is handed out
// again. Typically the first shell command dies, then sh runs garbage, and
// soon kfree, finding a page already free, panics "page 0x... freed twice".
#include "kernel/types.h"
#include "kernel/mm/refcount.h"

uint64 refcount_init(uint64 pa_start, uint64 pa_end)
{
  (void)pa_end;
  return pa_start; // no table to make room for
}

void refcount_new(uint64 pa)
{
  (void)pa;
}

void refcount_inc(uint64 pa)
{
  (void)pa;
}

int refcount_dec(uint64 pa)
{
  (void)pa;
  return 1;
}

// With no counts, no page is known to be private: report every page as
// shared, so a COW fault always copies (and then frees the original).
int refcount_get(uint64 pa)
{
  (void)pa;
  return 2;
}
