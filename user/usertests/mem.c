// usertests, memory: user-pointer checks in copyin, copyout and copyinstr,
// sbrk growing and shrinking, and accesses the kernel must answer by killing
// the process. Relies on rvlab's layout: text at 0 read+execute only, a
// guard page below the USERSTACK-page stack, the heap above the stack.
#include "user/usertests/usertests.h"

// Addresses no user pointer may reach: kernel RAM, the trapframe and
// trampoline pages (mapped without PTE_U), and addresses at or past MAXVA,
// which Sv39 cannot even translate.
static const uint64 kernel_addrs[] = {
    KERNBASE, KERNBASE + 0x123456, PHYSTOP - 8,          TRAPFRAME, TRAMPOLINE,
    MAXVA,    MAXVA + 3 * PGSIZE,  0x8000000000000000UL, ~0UL,
};
#define NKERNEL ((int)(sizeof(kernel_addrs) / sizeof(kernel_addrs[0])))

// The kernel addresses, plus the stack's guard page and a page well past the
// break, which are user addresses but not mapped for the user.
static int bad_addrs(uint64 *out)
{
  int n = 0;
  for (int i = 0; i < NKERNEL; i++)
    out[n++] = kernel_addrs[i];
  out[n++] = PGROUNDUP(r_sp()) - USERSTACK * PGSIZE - PGSIZE;
  out[n++] = PGROUNDUP((uint64)sbrk(0)) + 16 * PGSIZE;
  return n;
}

static void read_byte(uint64 addr)
{
  volatile char *p = (char *)addr;
  (void)*p;
}

static void write_byte(uint64 addr)
{
  volatile char *p = (char *)addr;
  *p = 'w';
}

// write() from a kernel or unmapped source copies nothing: -1 for a file;
// a pipe may also answer 0 (xv6 does), but never a positive count.
void t_copyin(void)
{
  uint64 addrs[NKERNEL + 2];
  int n = bad_addrs(addrs);
  int fds[2];
  int fd = ut_create("copyin.f");
  if (pipe(fds) < 0)
    ut_fail("pipe failed");
  for (int i = 0; i < n; i++) {
    int r = write(fd, (void *)addrs[i], 8192);
    if (r != -1)
      ut_fail("write(file, %p, 8192) returned %d, want -1", (void *)addrs[i], r);
    r = write(fds[1], (void *)addrs[i], 8192);
    if (r > 0)
      ut_fail("write(pipe, %p, 8192) returned %d, want -1 or 0", (void *)addrs[i], r);
  }
  close(fd);
  close(fds[0]);
  close(fds[1]);
  unlink("copyin.f");
}

// A wait whose status pointer is bad returns -1; the child can still be
// reaped (or was already).
static void copyout_wait(uint64 bad)
{
  int pid = ut_fork();
  if (pid == 0)
    exit(7);
  int r = wait((int *)bad);
  if (r != -1)
    ut_fail("wait(%p) returned %d, want -1", (void *)bad, r);
  int status = 0;
  r = wait(&status);
  if (r != -1 && (r != pid || status != 7))
    ut_fail("after a failed wait, wait returned pid %d status %d", r, status);
}

// read(), fstat(), pipe() and wait() into kernel, unmapped or read-only
// (text) memory copy nothing out and return -1 (a pipe read may answer 0).
void t_copyout(void)
{
  static char block[8192];
  uint64 addrs[NKERNEL + 3];
  int n = bad_addrs(addrs);
  addrs[n++] = (uint64)ut_helper; // text: mapped, but not writable
  int fd = ut_create("copyout.f");
  ut_write(fd, block, sizeof(block));
  close(fd);
  for (int i = 0; i < n; i++) {
    void *a = (void *)addrs[i];
    int fds[2];
    fd = open("copyout.f", O_RDONLY);
    int r = read(fd, a, 8192);
    if (r != -1)
      ut_fail("read(file, %p, 8192) returned %d, want -1", a, r);
    if ((r = fstat(fd, a)) != -1)
      ut_fail("fstat(fd, %p) returned %d, want -1", a, r);
    close(fd);
    if ((r = pipe(a)) != -1)
      ut_fail("pipe(%p) returned %d, want -1", a, r);
    if (pipe(fds) < 0)
      ut_fail("pipe failed");
    ut_write(fds[1], "xyz", 3);
    if ((r = read(fds[0], a, 3)) > 0)
      ut_fail("read(pipe, %p, 3) returned %d, want -1 or 0", a, r);
    close(fds[0]);
    close(fds[1]);
    copyout_wait(addrs[i]);
  }
  unlink("copyout.f");
}

// Every call that takes a path refuses a path pointer into the kernel or
// past MAXVA.
void t_copyinstr1(void)
{
  char *argv[] = {"x", 0};
  int fd = ut_create("copyinstr1.f");
  close(fd);
  for (int i = 0; i < NKERNEL; i++) {
    char *p = (char *)kernel_addrs[i];
    if (open(p, O_CREATE | O_WRONLY) != -1)
      ut_fail("open(%p) did not return -1", p);
    if (mkdir(p) != -1 || unlink(p) != -1 || chdir(p) != -1)
      ut_fail("mkdir, unlink or chdir(%p) did not return -1", p);
    if (link(p, "copyinstr1.l") != -1 || link("copyinstr1.f", p) != -1)
      ut_fail("link with %p did not return -1", p);
    if (exec(p, argv) != -1)
      ut_fail("exec(%p) did not return -1", p);
  }
  unlink("copyinstr1.f");
}

// A path of MAXPATH bytes or more, and an exec argument longer than a page,
// are refused, not truncated into something else.
void t_copyinstr2(void)
{
  static char path[MAXPATH + 2];
  static char arg[PGSIZE + 100];
  memset(path, 'x', MAXPATH);
  path[MAXPATH] = 0;
  int fd = open(path, O_CREATE | O_WRONLY);
  if (fd != -1)
    ut_fail("open of a %d-byte path returned %d, want -1", MAXPATH, fd);
  if (mkdir(path) != -1 || link(ut_self, path) != -1)
    ut_fail("mkdir or link of a %d-byte path did not return -1", MAXPATH);
  memset(arg, 'a', sizeof(arg) - 1);
  // Should exec wrongly succeed, the helper sees 5 arguments and exits 202.
  char *argv[] = {"usertests", "-x", "exit", "0", arg, 0};
  int r = exec(ut_self, argv);
  if (r != -1)
    ut_fail("exec with a %d-byte argument returned %d, want -1", (int)sizeof(arg) - 1, r);
}

// A path whose NUL is the very last byte of memory works; one that runs off
// the end of memory is refused by every call that takes a path; one that
// straddles the page sbrk just added is fine.
void t_copyinstr3(void)
{
  char *spare = ut_align_break(); // heap below the test page, not the stack
  char *page = spare + PGSIZE;
  if (sbrk(2 * PGSIZE) != spare)
    ut_fail("sbrk failed");
  char *end = page + PGSIZE;
  char *name = end - 10;
  strcpy(name, "cis3.file");
  int fd = open(name, O_CREATE | O_WRONLY);
  if (fd < 0)
    ut_fail("open of a path ending at the last byte of memory failed");
  close(fd);
  if (unlink(name) != 0)
    ut_fail("unlink of a path ending at the last byte of memory failed");

  memset(name, 'x', 10);
  char *argv[] = {"usertests", "-x", "exit", "0", name, 0};
  if (open(name, O_CREATE | O_WRONLY) != -1 || mkdir(name) != -1 || unlink(name) != -1 ||
      chdir(name) != -1)
    ut_fail("a path running off the end of memory was accepted");
  if (link(name, "cis3.l") != -1 || link(ut_self, name) != -1)
    ut_fail("link with a path running off the end of memory did not return -1");
  if (exec(name, argv) != -1 || exec(ut_self, argv) != -1)
    ut_fail("exec with a string running off the end of memory did not return -1");

  sbrk(-PGSIZE);
  char *prev = sbrk(0) - 5;
  if (sbrk(PGSIZE) != prev + 5)
    ut_fail("sbrk failed");
  strcpy(prev, "cis3.straddle");
  if ((fd = open(prev, O_CREATE | O_WRONLY)) < 0)
    ut_fail("open of a path straddling two heap pages failed");
  close(fd);
  unlink(prev);
}

// Memory given back with sbrk can no longer be used as a read or write buffer.
void t_rwsbrk(void)
{
  char *a = ut_align_break();
  if (sbrk(2 * PGSIZE) != a)
    ut_fail("sbrk(2 pages) failed");
  if (sbrk(-2 * PGSIZE) != a + 2 * PGSIZE)
    ut_fail("sbrk(-2 pages) did not return the old break");
  int fd = ut_create("rwsbrk.f");
  int r = write(fd, a + PGSIZE, 1024);
  if (r != -1)
    ut_fail("write from freed memory returned %d, want -1", r);
  ut_write(fd, "0123456789", 10);
  close(fd);
  fd = open("rwsbrk.f", O_RDONLY);
  r = read(fd, a + PGSIZE, 10);
  if (r != -1)
    ut_fail("read into freed memory returned %d, want -1", r);
  close(fd);
  unlink("rwsbrk.f");
}

struct chunk {
  struct chunk *next;
};

static void exhaust_with_malloc(uint64 unused)
{
  (void)unused;
  struct chunk *head = 0;
  uint64 got = 0;
  struct chunk *c;
  while ((c = malloc(10000)) != 0) {
    c->next = head;
    head = c;
    got += 10000;
  }
  if (got < (uint64)ut_free_pages / 2 * PGSIZE)
    ut_fail("malloc failed after only %d KiB", (int)(got / 1024));
  while (head) {
    c = head->next;
    free(head);
    head = c;
  }
}

// malloc until memory runs out gives 0 rather than a killed process, and the
// memory is there again once that process has exited.
void t_mem(void)
{
  int status = ut_child_status(exhaust_with_malloc, 0);
  if (status != 0)
    ut_fail("the process that exhausted memory exited with %d", status);
  int want = ut_free_pages / 2;
  char *p = sbrk(want * PGSIZE);
  if (p == (char *)-1)
    ut_fail("after exhaustion, sbrk of %d pages failed: memory was not given back", want);
  for (int i = 0; i < want; i++)
    p[i * PGSIZE] = 1;
}

// sbrk returns the old break, grows a byte at a time, a child gets a copy of
// every byte, and an impossible request fails with the break unchanged.
void t_sbrkbasic(void)
{
  char *start = sbrk(0);
  for (int i = 0; i < 5000; i++) {
    char *b = sbrk(1);
    if (b != start + i)
      ut_fail("sbrk(1) number %d returned %p, want %p", i, b, start + i);
    *b = (char)i;
  }
  if (ut_fork() == 0) {
    for (int i = 0; i < 5000; i++)
      if (start[i] != (char)i)
        ut_fail("the child's copy of byte %d of the heap is wrong", i);
    exit(0);
  }
  if (ut_wait() != 0)
    ut_fail("the child did not see the parent's heap");
  char *before = sbrk(0);
  char *r = sbrk(0x7fffffff);
  if (r != (char *)-1)
    ut_fail("sbrk(0x7fffffff) returned %p, want -1", r);
  if (sbrk(0) != before)
    ut_fail("a failed sbrk moved the break from %p to %p", before, sbrk(0));
  for (int i = 0; i < 5000; i++)
    if (start[i] != (char)i)
      ut_fail("a failed sbrk changed byte %d of the heap", i);
}

// Half of free memory in one sbrk comes zeroed and writable; shrinking takes
// it away, and growing again gives zeroed pages, not the old contents.
void t_sbrkmuch(void)
{
  int pages = ut_free_pages / 2;
  char *a = ut_align_break();
  if (sbrk(pages * PGSIZE) != a)
    ut_fail("sbrk of %d pages failed", pages);
  for (int i = 0; i < pages; i++) {
    char *pg = a + (uint64)i * PGSIZE;
    if (pg[0] != 0 || pg[PGSIZE - 1] != 0)
      ut_fail("page %d of a fresh sbrk is not zeroed", i);
    pg[0] = pg[PGSIZE - 1] = 1 + i % 100;
  }
  for (int i = 0; i < pages; i++)
    if (a[(uint64)i * PGSIZE] != 1 + i % 100)
      ut_fail("page %d of the sbrk'd memory lost its contents", i);
  if (sbrk(-(pages - 1) * PGSIZE) != a + (uint64)pages * PGSIZE)
    ut_fail("shrinking sbrk did not return the old break");
  if (sbrk(0) != a + PGSIZE)
    ut_fail("after shrinking, the break is %p, want %p", sbrk(0), a + PGSIZE);
  ut_expect_killed(read_byte, (uint64)(a + PGSIZE), "read of memory given back by sbrk");
  if (sbrk(PGSIZE) != a + PGSIZE)
    ut_fail("growing again failed");
  for (int i = 0; i < PGSIZE; i++)
    if (a[PGSIZE + i] != 0)
      ut_fail("a page grown again holds old contents at byte %d", i);
}

// Loads from kernel memory, the trampoline, the trapframe and addresses past
// MAXVA kill the process.
void t_kernmem(void)
{
  for (int i = 0; i < NKERNEL; i++)
    ut_expect_killed(read_byte, kernel_addrs[i], "read of a kernel address");
}

// A hog takes every page it can get, tells the parent, and waits to die.
static int start_hog(int signal_fd)
{
  int pid = fork();
  if (pid != 0)
    return pid;
  for (int step = 256; step > 0; step /= 4)
    while (sbrk(step * PGSIZE) != (char *)-1)
      ;
  write(signal_fd, "h", 1);
  for (;;)
    sleep(100);
}

// With memory exhausted by other processes, sbrk fails with -1 and the caller
// lives on; once they are killed the memory is usable again.
void t_sbrkfail(void)
{
  int fds[2], hogs[8], nhogs = 0;
  if (pipe(fds) < 0)
    ut_fail("pipe failed");
  for (; nhogs < 8; nhogs++) {
    char c;
    if ((hogs[nhogs] = start_hog(fds[1])) < 0)
      break;
    if (read(fds[0], &c, 1) != 1)
      ut_fail("a hog did not report");
  }
  char *brk = sbrk(0);
  int got = 0;
  while (sbrk(PGSIZE) != (char *)-1)
    if (++got > ut_free_pages)
      ut_fail("sbrk kept succeeding while other processes held all memory");
  if (sbrk(0) != brk + (uint64)got * PGSIZE)
    ut_fail("a failed sbrk moved the break");
  for (int i = 0; i < nhogs; i++)
    kill(hogs[i]);
  for (int i = 0; i < nhogs; i++)
    if (ut_wait() != -1)
      ut_fail("a killed hog did not exit with -1");
  sbrk(-got * PGSIZE);
  if (ut_child_status(read_byte, (uint64)brk - 1) != 0)
    ut_fail("fork and exit failed after the hogs died");
  int want = ut_free_pages / 2;
  char *p = sbrk(want * PGSIZE);
  if (p == (char *)-1)
    ut_fail("sbrk of %d pages failed after the hogs died", want);
  for (int i = 0; i < want; i++)
    p[(uint64)i * PGSIZE] = 1;
}

// Memory from sbrk works as a buffer for write, read (across a page
// boundary) and pipe.
void t_sbrkarg(void)
{
  char *a = sbrk(2 * PGSIZE);
  int *fds = (int *)sbrk(2 * sizeof(int));
  if (a == (char *)-1 || fds == (int *)-1)
    ut_fail("sbrk failed");
  memset(a, 'n', PGSIZE);
  int fd = ut_create("sbrkarg.f");
  ut_write(fd, a, PGSIZE);
  close(fd);
  fd = open("sbrkarg.f", O_RDONLY);
  int r = read(fd, a + PGSIZE / 2, PGSIZE);
  if (r != PGSIZE)
    ut_fail("read into sbrk'd memory across a page boundary returned %d", r);
  close(fd);
  for (int i = 0; i < PGSIZE; i++)
    if (a[PGSIZE / 2 + i] != 'n')
      ut_fail("byte %d read into sbrk'd memory is wrong", i);
  if (pipe(fds) != 0)
    ut_fail("pipe() into sbrk'd memory failed");
  ut_write(fds[1], "sbrk", 4);
  if (read(fds[0], a, 4) != 4 || memcmp(a, "sbrk", 4) != 0)
    ut_fail("a pipe made in sbrk'd memory does not carry data");
  close(fds[0]);
  close(fds[1]);
  unlink("sbrkarg.f");
}

// Uninitialised globals: five pages of them, all zero, all writable.
static char bss_bytes[5 * PGSIZE];

// The bss starts zeroed and can be written.
void t_bss(void)
{
  for (uint i = 0; i < sizeof(bss_bytes); i++)
    if (bss_bytes[i] != 0)
      ut_fail("bss byte %d is %d, want 0", i, bss_bytes[i]);
  memset(bss_bytes, 0x7b, sizeof(bss_bytes));
  if (bss_bytes[sizeof(bss_bytes) - 1] != 0x7b)
    ut_fail("the bss does not keep what is written to it");
}

// The lowest byte of the stack, USERSTACK pages below its top.
static uint64 stack_bottom(void)
{
  return PGROUNDUP(r_sp()) - USERSTACK * PGSIZE;
}

static void touch_stack_bottom(uint64 unused)
{
  (void)unused;
  read_byte(stack_bottom());
}

static void read_below_stack(uint64 unused)
{
  (void)unused;
  read_byte(stack_bottom() - 1);
}

static void write_below_stack(uint64 unused)
{
  (void)unused;
  write_byte(stack_bottom() - PGSIZE);
}

// The whole stack is usable, and the guard page right below it kills a
// process that reads or writes it.
void t_stack(void)
{
  if (ut_child_status(touch_stack_bottom, 0) != 0)
    ut_fail("reading the lowest byte of the stack killed the process");
  ut_expect_killed(read_below_stack, 0, "read of the guard page below the stack");
  ut_expect_killed(write_below_stack, 0, "write to the guard page below the stack");
}

// Stores into text, the trapframe, the trampoline or the kernel kill the
// process.
void t_textwrite(void)
{
  ut_expect_killed(write_byte, 0, "write to text");
  ut_expect_killed(write_byte, (uint64)ut_helper, "write to text");
  ut_expect_killed(write_byte, TRAPFRAME, "write to the trapframe");
  ut_expect_killed(write_byte, TRAMPOLINE, "write to the trampoline");
  ut_expect_killed(write_byte, KERNBASE, "write to the kernel");
  ut_expect_killed(write_byte, PHYSTOP - PGSIZE, "write to the kernel");
}

// The break is exact at page granularity: the byte below a page-aligned
// break is usable, the byte at it kills, and a page given back is gone.
void t_sbrkedge(void)
{
  char *b = ut_align_break();
  if (sbrk(PGSIZE) != b)
    ut_fail("sbrk failed");
  b[PGSIZE - 1] = 7;
  if (ut_child_status(read_byte, (uint64)(b + PGSIZE - 1)) != 0)
    ut_fail("reading the last byte below the break killed the process");
  ut_expect_killed(read_byte, (uint64)(b + PGSIZE), "read at a page-aligned break");
  ut_expect_killed(write_byte, (uint64)(b + PGSIZE), "write at a page-aligned break");
  sbrk(-PGSIZE);
  ut_expect_killed(read_byte, (uint64)b, "read of a page given back");
  ut_expect_killed(write_byte, (uint64)(b + PGSIZE - 1), "write to a page given back");
  if (sbrk(PGSIZE) != b)
    ut_fail("growing again failed");
  if (b[PGSIZE - 1] != 0)
    ut_fail("a page grown again was not zeroed");
  b[0] = 9;
  sbrk(-(PGSIZE / 2));
  if (ut_child_status(read_byte, (uint64)(b + PGSIZE / 2 - 1)) != 0)
    ut_fail("a child could not read below a break in the middle of a page");
  if (b[0] != 9)
    ut_fail("shrinking to the middle of a page lost the data below the break");
}

static void expect_byte_z(uint64 addr)
{
  if (*(char *)addr != 'z')
    ut_fail("the child sees %d at the last byte, want 'z'", *(char *)addr);
}

// Shrinking so the break lands one byte into a page keeps that byte (in the
// parent and in a child) and frees the page above it; one more byte down
// frees that page too.
void t_sbrklast(void)
{
  char *b = ut_align_break();
  if (sbrk(3 * PGSIZE) != b)
    ut_fail("sbrk failed");
  char *old = sbrk(-(2 * PGSIZE - 1));
  if (old != b + 3 * PGSIZE)
    ut_fail("shrinking sbrk returned %p, want %p", old, b + 3 * PGSIZE);
  char *last = b + PGSIZE;
  *last = 'z';
  if (ut_child_status(expect_byte_z, (uint64)last) != 0)
    ut_fail("the last byte below the break is not usable in a child");
  ut_expect_killed(read_byte, (uint64)(b + 2 * PGSIZE), "read of the page above the break");
  sbrk(-1);
  ut_expect_killed(read_byte, (uint64)last, "read of a page shrunk away to its last byte");
}

// Odd-sized steps, up and down, each return the previous break, and every
// byte below the final break is usable.
void t_sbrkodd(void)
{
  static const int steps[] = {1, 3, 4095, 4097, 17, 2 * PGSIZE + 5, -3, -4097, 8191, -1, 12345};
  char *start = sbrk(0);
  char *brk = start;
  for (uint i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
    char *r = sbrk(steps[i]);
    if (r != brk)
      ut_fail("sbrk(%d) returned %p, want the old break %p", steps[i], r, brk);
    brk += steps[i];
    if (sbrk(0) != brk)
      ut_fail("after sbrk(%d) the break is %p, want %p", steps[i], sbrk(0), brk);
    if (steps[i] > 0)
      memset(r, 0x5a, steps[i]);
  }
  for (char *p = start; p < brk; p++)
    if (*p != 0x5a)
      ut_fail("byte %p below the break lost its contents", p);
}
