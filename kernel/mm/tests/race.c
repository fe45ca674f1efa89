// Threaded drivers for the reference-count tests. The threads live for the
// whole run and start each round together on a shared signal, so that they
// hit the count at the same moment rather than one after another.
#include <pthread.h>
#include <sched.h>
#include <criterion/criterion.h>
#include "kernel/types.h"
#include "kernel/mm/refcount.h"
#include "kernel/mm/tests/race.h"

// What the racing threads share. round and finished are the only fields
// written while they run, and only with atomics.
struct arena {
  uint64 pa;
  int npairs;   // inc/dec pairs per round, or 0 for a single decrement
  int rounds;   // how many rounds the threads run
  int round;    // the round the threads may start; raised by the driver
  int finished; // threads done with the current round
};

struct racer {
  struct arena *a;
  int lasts; // in the current round: decrements that said "last"
};

// Wait for *word to reach value. Racers spin, so that they start the moment
// the word changes, but yield after patience spins: the host may have fewer
// cores than threads. The driver yields at once, leaving the cores to them.
static void wait_until(int *word, int value, int patience)
{
  for (int spins = 1; __atomic_load_n(word, __ATOMIC_ACQUIRE) < value; spins++)
    if (spins % patience == 0)
      sched_yield();
}

static void *racer_run(void *arg)
{
  struct racer *r = arg;
  struct arena *a = r->a;
  for (int round = 1; round <= a->rounds; round++) {
    wait_until(&a->round, round, 4096);
    r->lasts = 0;
    if (a->npairs == 0)
      r->lasts = refcount_dec(a->pa);
    for (int i = 0; i < a->npairs; i++) {
      refcount_inc(a->pa);
      r->lasts += refcount_dec(a->pa);
    }
    __atomic_fetch_add(&a->finished, 1, __ATOMIC_ACQ_REL);
  }
  return NULL;
}

// Start round number round and wait for every racer to finish it; returns
// the sum of their "last" answers.
static int run_round(struct arena *a, struct racer *r, int n, int round)
{
  __atomic_store_n(&a->finished, 0, __ATOMIC_RELAXED);
  __atomic_store_n(&a->round, round, __ATOMIC_RELEASE);
  wait_until(&a->finished, n, 1);
  int lasts = 0;
  for (int i = 0; i < n; i++)
    lasts += r[i].lasts;
  return lasts;
}

static void start(struct arena *a, struct racer *r, pthread_t *tid, int n)
{
  cr_assert(n > 0 && n <= RACE_MAX_THREADS);
  for (int i = 0; i < n; i++) {
    r[i] = (struct racer){.a = a, .lasts = 0};
    cr_assert_eq(pthread_create(&tid[i], NULL, racer_run, &r[i]), 0);
  }
}

int race_inc_dec(uint64 pa, int nthreads, int npairs)
{
  struct arena a = {.pa = pa, .npairs = npairs, .rounds = 1};
  struct racer r[RACE_MAX_THREADS];
  pthread_t tid[RACE_MAX_THREADS];
  start(&a, r, tid, nthreads);
  int lasts = run_round(&a, r, nthreads, 1);
  for (int i = 0; i < nthreads; i++)
    pthread_join(tid[i], NULL);
  return lasts;
}

void race_drops(uint64 pa, int nthreads, int trials, int outcome[])
{
  struct arena a = {.pa = pa, .npairs = 0, .rounds = trials};
  struct racer r[RACE_MAX_THREADS];
  pthread_t tid[RACE_MAX_THREADS];
  for (int k = 0; k <= nthreads; k++)
    outcome[k] = 0;
  start(&a, r, tid, nthreads);
  for (int round = 1; round <= trials; round++) {
    refcount_new(pa);
    for (int i = 1; i < nthreads; i++)
      refcount_inc(pa);
    outcome[run_round(&a, r, nthreads, round)]++;
    cr_assert_eq(refcount_get(pa), 0, "round %d left the count at %d", round, refcount_get(pa));
  }
  for (int i = 0; i < nthreads; i++)
    pthread_join(tid[i], NULL);
}
