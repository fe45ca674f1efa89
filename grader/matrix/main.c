/* matrix: grades every kernel of a lab's variant table with the lab's rubric,
 * compares each verdict with what the table expects, runs forkbench on an
 * eager kernel and up to three copy-on-write kernels, and writes report.md
 * and report.html.
 * Relies on gradecore's driver for every QEMU run, --jobs of them at a time. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "grader/driver.h"
#include "grader/matrix/bench.h"
#include "grader/matrix/compare.h"
#include "grader/matrix/options.h"
#include "grader/matrix/report.h"
#include "grader/matrix/variants.h"
#include "grader/rubric.h"
#include "grader/score.h"

static void make_dirs(const char *path)
{
  if (driver_make_dirs(path) < 0)
    matrix_die("cannot create the directory %s: %s", path, strerror(errno));
}

/* Run forkbench's one-run rubric, given as text, on `kernel`, on a machine
 * of --bench-memory; returns its result. The rubric's idle limit is long:
 * forkbench prints each table row only when the row's measures are done. */
static void run_bench_rubric(const struct matrix_options *o, const char *kernel,
                             const char *log_dir, const char *text, struct run_result *res)
{
  struct rubric r;
  char err[512];
  if (rubric_parse(&r, "(matrix)", text, err, sizeof err) < 0)
    matrix_die("internal rubric refused: %s", err);
  struct driver_config d = o->driver;
  d.qemu.kernel = kernel;
  d.log_dir = log_dir;
  d.jobs = 1;
  if (o->bench_memory)
    d.qemu.memory = o->bench_memory;
  bool wanted = true;
  int sig = driver_run(&d, &r, &wanted, res);
  rubric_free(&r);
  if (sig > 0)
    driver_die_of_signal("matrix", sig);
}

/* Which checks a kernel is graded on: the first run's always, the others
 * only in full mode and only on kernels the table calls correct. */
static void select_runs(const struct matrix_options *o, const struct rubric *r,
                        const struct variant *v, bool *wanted, bool *graded)
{
  bool full = !o->cowtest_only && v->kind == VARIANT_CORRECT;
  for (int i = 0; i < r->nruns; i++)
    wanted[i] = i == 0 || full;
  for (int i = 0; i < r->nchecks; i++)
    graded[i] = wanted[r->checks[i].run];
}

static void describe_runs(const struct rubric *r, const bool *wanted, const struct run_result *runs,
                          char *buf, size_t len)
{
  size_t used = 0;
  buf[0] = '\0';
  for (int i = 0; i < r->nruns && used < len; i++) {
    if (!wanted[i])
      continue;
    int n = snprintf(buf + used, len - used, "%s%s: %s in %.1fs", used ? "; " : "", r->runs[i].name,
                     score_run_verdict_name(runs[i].verdict), runs[i].elapsed);
    used += n > 0 ? (size_t)n : 0;
  }
}

/* Score one kernel from its slice of the table's runs (runs[i] is the
 * rubric's run i on this kernel) and compare it with its row. */
static void score_kernel(const struct matrix_options *o, const struct rubric *r,
                         const struct variant *v, const struct run_result *runs,
                         struct matrix_entry *e)
{
  bool wanted[r->nruns], graded[r->nchecks];
  struct check_result res[r->nchecks];
  select_runs(o, r, v, wanted, graded);
  if (!e->built) {
    snprintf(e->runs, sizeof e->runs, "not built: no %s in %.256s%s%s", v->kernel, o->kernel_dir,
             v->image[0] ? " or no " : "", v->image);
    matrix_compare(v, r, NULL, true, &e->row);
    return;
  }
  score_checks(r, runs, graded, res);
  describe_runs(r, wanted, runs, e->runs, sizeof e->runs);
  matrix_compare(v, r, res, false, &e->row);
  e->why = calloc((size_t)r->nchecks, sizeof *e->why);
  for (int i = 0; i < r->nchecks; i++) {
    e->why[i] = res[i].output;
    res[i].output = NULL;
  }
}

/* Grade every built kernel of the table in one driver_run, so that --jobs N
 * boots N of them side by side. Kernel k's copy of the rubric's run i is
 * run k * nruns + i, named KERNEL/RUN, so its log is out/logs/KERNEL/RUN.log.
 * --boot-timeout stops a kernel that never reaches a prompt long before the
 * rubric's run timeout, without a boot of its own to find that out. */
static void grade_table(const struct matrix_options *o, const struct rubric *r,
                        const struct variant_table *t, struct matrix_entry *entries)
{
  int n = t->nrows * r->nruns;
  struct rubric all = {.path = r->path, .nruns = n, .runs = calloc((size_t)n, sizeof(*all.runs))};
  const char **kernels = calloc((size_t)n, sizeof *kernels);
  const char **images = calloc((size_t)n, sizeof *images);
  char(*paths)[4096] = calloc((size_t)t->nrows, sizeof *paths);
  char(*image_paths)[4096] = calloc((size_t)t->nrows, sizeof *image_paths);
  /* A row's own image sits beside --fs (build/fs-ucow-V.img by build/fs.img). */
  const char *fs = o->driver.qemu.fs_image, *slash = strrchr(fs, '/');
  int fs_dir_len = slash ? (int)(slash - fs) + 1 : 0;
  bool *wanted = calloc((size_t)n, sizeof *wanted), graded[r->nchecks];
  struct run_result *results = calloc((size_t)n, sizeof *results);
  for (int k = 0; k < t->nrows; k++) {
    const struct variant *v = &t->rows[k];
    struct matrix_entry *e = &entries[k];
    snprintf(paths[k], sizeof paths[k], "%s/%s", o->kernel_dir, v->kernel);
    snprintf(image_paths[k], sizeof image_paths[k], "%.*s%s", fs_dir_len, fs, v->image);
    snprintf(e->log_dir, sizeof e->log_dir, "%s/logs/%s", o->out, v->name);
    e->built = access(paths[k], R_OK) == 0 && (!v->image[0] || access(image_paths[k], R_OK) == 0);
    if (e->built)
      make_dirs(e->log_dir);
    select_runs(o, r, v, wanted + k * r->nruns, graded);
    for (int i = 0; i < r->nruns; i++) {
      struct rubric_run *run = &all.runs[k * r->nruns + i];
      *run = r->runs[i];
      if ((size_t)snprintf(run->name, sizeof run->name, "%s/%s", v->name, r->runs[i].name) >=
          sizeof run->name)
        matrix_die("%s:%d: %s/%s is too long a run name (at most %d characters)", t->path, v->line,
                   v->name, r->runs[i].name, RUBRIC_NAME_MAX - 1);
      kernels[k * r->nruns + i] = paths[k];
      images[k * r->nruns + i] = v->image[0] ? image_paths[k] : NULL;
      wanted[k * r->nruns + i] &= e->built;
    }
  }
  char log_dir[4096];
  snprintf(log_dir, sizeof log_dir, "%s/logs", o->out);
  struct driver_config d = o->driver;
  d.log_dir = log_dir;
  d.run_kernels = kernels;
  d.run_images = images;
  d.boot_timeout = o->boot_timeout;
  int sig = driver_run(&d, &all, wanted, results);
  if (sig > 0)
    driver_die_of_signal("matrix", sig);
  for (int k = 0; k < t->nrows; k++)
    score_kernel(o, r, &t->rows[k], results + k * r->nruns, &entries[k]);
  driver_free_results(results, n);
  free(results), free(wanted), free(paths), free(kernels), free(all.runs);
  free(images), free(image_paths);
}

/* The process sizes forkbench measures, in MiB, as its arguments. An eager
 * fork needs room for a second copy: a 128 MiB machine has it up to 63 MiB
 * (at 64 eager prints "-"), so Meson gives the benchmark a bigger machine
 * (--bench-memory). */
static const char bench_sizes_mib[] = "1 4 16 64";

static void run_bench(const struct matrix_options *o, const char *name, struct matrix_bench_run *b)
{
  char kernel[4096], log_dir[4096], text[256];
  b->kernel = name;
  snprintf(kernel, sizeof kernel, "%s/%s", o->kernel_dir, name);
  snprintf(log_dir, sizeof log_dir, "%s/logs/forkbench-%s", o->out, name);
  make_dirs(log_dir);
  printf("matrix: forkbench -t %s on %s\n", bench_sizes_mib, name);
  fflush(stdout);
  snprintf(text, sizeof text,
           "run forkbench timeout 900 idle 600\n    $ forkbench -t %s\n"
           "check table 0 points\n    expect: ^size_mib\n",
           bench_sizes_mib);
  struct run_result res;
  run_bench_rubric(o, kernel, log_dir, text, &res);
  b->ok = res.verdict == RUN_PASSED && bench_parse(res.output, &b->table) > 0;
  if (res.verdict != RUN_PASSED)
    snprintf(b->note, sizeof b->note, "forkbench run ended with %s (log: %s)",
             score_run_verdict_name(res.verdict), res.log_path);
  else if (!b->ok)
    snprintf(b->note, sizeof b->note, "no `%s` table in the output (log: %s)", "forkbench -t",
             res.log_path);
  driver_free_results(&res, 1);
}

/* The eager baseline first: the report divides by its cycles. */
static void run_benches(const struct matrix_options *o, struct matrix_report *m)
{
  if (!o->bench_eager)
    return;
  run_bench(o, o->bench_eager, &m->bench[m->nbench++]);
  for (int k = 0; k < o->nbench_cow; k++)
    run_bench(o, o->bench_cow[k], &m->bench[m->nbench++]);
}

static void write_report(const char *out, const char *name, const struct matrix_report *m,
                         void (*writer)(FILE *, const struct matrix_report *))
{
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", out, name);
  FILE *f = fopen(path, "w");
  if (!f)
    matrix_die("cannot write %s", path);
  writer(f, m);
  fclose(f);
  printf("matrix: wrote %s\n", path);
}

static void load_inputs(const struct matrix_options *o, struct variant_table *t, struct rubric *r)
{
  char err[1024];
  if (variants_load(t, o->variants, err, sizeof err) < 0 ||
      rubric_load(r, o->rubric, err, sizeof err) < 0 ||
      variants_check_names(t, r, err, sizeof err) < 0)
    matrix_die("%s", err);
}

static void free_entries(struct matrix_entry *entries, int n, int nchecks)
{
  for (int i = 0; i < n; i++) {
    for (int c = 0; entries[i].why && c < nchecks; c++)
      free(entries[i].why[c]);
    free(entries[i].why);
    matrix_row_free(&entries[i].row);
  }
  free(entries);
}

int main(int argc, char **argv)
{
  struct matrix_options o = {.driver = {.timeout_scale = 1, .jobs = 1, .human = stdout},
                             .out = "matrix",
                             .boot_timeout = 30};
  machine_defaults(&o.driver.qemu);
  matrix_parse_options(argc, argv, &o);
  o.driver.live = isatty(STDOUT_FILENO);
  setvbuf(stdout, NULL, _IOLBF, 0);
  struct variant_table t;
  struct rubric r;
  load_inputs(&o, &t, &r);
  make_dirs(o.out);
  double started = driver_now();
  struct matrix_report m = {.table_path = o.variants,
                            .rubric_path = o.rubric,
                            .rubric = &r,
                            .full = !o.cowtest_only,
                            .nentries = t.nrows};
  m.entries = calloc((size_t)t.nrows, sizeof *m.entries);
  printf("matrix: %d kernels of %s, %d at a time\n", t.nrows, o.variants, o.driver.jobs);
  grade_table(&o, &r, &t, m.entries);
  run_benches(&o, &m);
  m.wall_s = driver_now() - started;
  write_report(o.out, "report.md", &m, matrix_write_markdown);
  write_report(o.out, "report.html", &m, matrix_write_html);
  int bad = matrix_summary(stdout, &m);
  bool bench_bad = !matrix_bench_summary(stdout, &m);
  free_entries(m.entries, m.nentries, r.nchecks);
  variants_free(&t);
  rubric_free(&r);
  return bad || bench_bad ? 1 : 0;
}
