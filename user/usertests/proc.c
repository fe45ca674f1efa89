// usertests, processes: exec and its argument checks, pipes, kill, exit and
// wait, reparenting, fork storms. Tests that exec use this program's helper
// modes (usertests.h) so that they can check exactly what main received.
#include "user/usertests/usertests.h"

// Run ut_self with argv in a child and return the child's exit status.
static int exec_status(char **argv)
{
  if (ut_fork() == 0) {
    exec(ut_self, argv);
    exit(150);
  }
  return ut_wait();
}

// exec runs a program with its arguments and the caller's descriptors, and
// the program's exit status reaches wait.
void t_exec(void)
{
  char buf[32];
  unlink("exec.out");
  if (ut_fork() == 0) {
    close(1);
    if (open("exec.out", O_CREATE | O_WRONLY) != 1)
      exit(2);
    char *argv[] = {"echo", "hello", "rvlab", 0};
    exec("/echo", argv);
    exit(3);
  }
  int status = ut_wait();
  if (status != 0)
    ut_fail("echo with stdout redirected exited with %d (2: no exec.out, 3: exec failed)", status);
  int fd = open("exec.out", O_RDONLY);
  int n = read(fd, buf, sizeof(buf));
  close(fd);
  unlink("exec.out");
  if (n != 12 || memcmp(buf, "hello rvlab\n", 12) != 0)
    ut_fail("echo hello rvlab wrote %d bytes, want \"hello rvlab\\n\"", n);
  char *exit42[] = {"usertests", "-x", "exit", "42", 0};
  if ((status = exec_status(exit42)) != 42)
    ut_fail("a program that exits with 42 gave status %d", status);
}

// Fill argv[4..4+n) with strings of len bytes from store, after the helper
// words that make the exec'd program check them.
static void build_args(char **argv, char *store, char *lenword, int n, int len)
{
  argv[0] = "usertests";
  argv[1] = "-x";
  argv[2] = "argcheck";
  argv[3] = lenword;
  for (int i = 0; i < n; i++) {
    char *s = store + i * (len + 1);
    for (int j = 0; j < len; j++)
      s[j] = 'a' + j % 26;
    s[len] = 0;
    argv[4 + i] = s;
  }
  argv[4 + n] = 0;
}

// A large argument vector (MAXARG-1 entries, most of the stack page) reaches
// main intact; a vector too big for the stack or longer than MAXARG is
// refused, and the caller carries on.
void t_bigarg(void)
{
  static char *argv[MAXARG + 10];
  char *store = malloc((MAXARG + 10) * 301);
  if (store == 0)
    ut_fail("malloc failed");
  int n = MAXARG - 1 - 4;
  build_args(argv, store, "80", n, 80);
  int status = exec_status(argv);
  if (status != n)
    ut_fail("exec with %d arguments of 80 bytes: helper status %d, want %d", n, status, n);

  build_args(argv, store, "300", n, 300);
  int r = exec(ut_self, argv);
  if (r != -1)
    ut_fail("exec with %d bytes of arguments (more than the stack) returned %d", n * 301, r);
  build_args(argv, store, "1", MAXARG + 5, 1);
  if ((r = exec(ut_self, argv)) != -1)
    ut_fail("exec with %d arguments (MAXARG is %d) returned %d", MAXARG + 9, MAXARG, r);
  if (strcmp(argv[4], "a") != 0)
    ut_fail("the caller's memory changed after failed execs");
}

// exec reads argument strings and the argv array right up to the last byte
// of memory, and refuses ones that run past it.
void t_argptr(void)
{
  char *spare = ut_align_break();
  char *end = spare + 2 * PGSIZE;
  if (sbrk(2 * PGSIZE) != spare)
    ut_fail("sbrk failed");
  char *arg = end - 4;
  memcpy(arg, "abc", 4);
  char *argv[] = {"usertests", "-x", "argcheck", "3", arg, 0};
  int status = exec_status(argv);
  if (status != 1)
    ut_fail("exec with an argument ending at the last byte of memory: status %d, want 1", status);
  memcpy(spare, "abc", 4);
  argv[4] = spare; // keep the string clear of the argv copy at the end
  char **tail = (char **)(end - 6 * sizeof(char *));
  memcpy(tail, argv, sizeof(argv));
  if ((status = exec_status(tail)) != 1)
    ut_fail("exec with argv ending at the last byte of memory: status %d, want 1", status);

  memcpy(arg, "abcd", 4); // no NUL before the end of memory
  argv[4] = arg;
  int r = exec(ut_self, argv);
  if (r != -1)
    ut_fail("exec with an argument running off the end of memory returned %d", r);
  tail = (char **)(end - 5 * sizeof(char *)); // no NULL before the end
  memcpy(tail, argv, 5 * sizeof(char *));
  if ((r = exec(ut_self, tail)) != -1)
    ut_fail("exec with argv running off the end of memory returned %d", r);
}

// exec with argv itself unmapped or in the kernel, or holding such a
// pointer, returns -1; repeated, so a leak shows in the final memory check.
void t_badarg(void)
{
  uint64 bad[] = {PGROUNDUP((uint64)sbrk(0)) + 64 * PGSIZE, 0xffffffff, KERNBASE, MAXVA, ~0UL};
  for (int round = 0; round < 50; round++) {
    for (uint i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
      char *argv[] = {"usertests", "-x", "exit", (char *)bad[i], 0};
      int r = exec(ut_self, (char **)bad[i]);
      if (r != -1)
        ut_fail("exec(self, argv=%p) returned %d, want -1", (void *)bad[i], r);
      if ((r = exec(ut_self, argv)) != -1)
        ut_fail("exec(self, {..., %p}) returned %d, want -1", (void *)bad[i], r);
    }
  }
}

// exec refuses what is not a runnable program: a missing file, a directory,
// text, an empty file, an ELF header whose program headers are missing.
void t_execvalid(void)
{
  static char elf[64];
  char *argv[] = {"x", 0};
  if (exec("execvalid.none", argv) != -1 || exec("/", argv) != -1)
    ut_fail("exec of a missing file or of a directory did not return -1");
  int fd = ut_create("execvalid.txt");
  ut_write(fd, "#!/bin/sh\necho this is not ELF\n", 31);
  close(fd);
  close(ut_create("execvalid.empty"));
  memcpy(elf,
         "\x7f"
         "ELF\x02\x01\x01",
         7);
  elf[16] = 2;    // e_type: executable
  elf[18] = 0xf3; // e_machine: RISC-V
  elf[33] = 0x40; // e_phoff = 0x4000, past the end of the file
  elf[56] = 1;    // e_phnum = 1
  fd = ut_create("execvalid.elf");
  ut_write(fd, elf, sizeof(elf));
  close(fd);
  if (exec("execvalid.txt", argv) != -1 || exec("execvalid.empty", argv) != -1)
    ut_fail("exec of a text or an empty file did not return -1");
  if (exec("execvalid.elf", argv) != -1)
    ut_fail("exec of an ELF file with its program headers missing did not return -1");
  unlink("execvalid.txt");
  unlink("execvalid.empty");
  unlink("execvalid.elf");
}

// Store v little-endian in the n bytes at p: the ELF fields of execgap.
static void put_le(uchar *p, uint64 v, int n)
{
  for (int i = 0; i < n; i++)
    p[i] = (uchar)(v >> (8 * i));
}

// Write a RISC-V ELF executable with one PT_LOAD segment of memsz bytes of
// bss at vaddr to path: a 64-byte file header, then its program header.
static void write_bss_elf(const char *path, uint64 vaddr, uint64 memsz)
{
  static uchar elf[64 + 56];
  memset(elf, 0, sizeof(elf));
  elf[0] = 0x7f;
  memcpy(elf + 1, "ELF", 3);
  elf[4] = 2;                 // EI_CLASS: 64-bit
  elf[5] = 1;                 // EI_DATA: little-endian
  elf[6] = 1;                 // EI_VERSION
  put_le(elf + 16, 2, 2);     // e_type: executable
  put_le(elf + 18, 0xf3, 2);  // e_machine: RISC-V
  put_le(elf + 20, 1, 4);     // e_version
  put_le(elf + 24, vaddr, 8); // e_entry
  put_le(elf + 32, 64, 8);    // e_phoff: right after this header
  put_le(elf + 52, 64, 2);    // e_ehsize
  put_le(elf + 54, 56, 2);    // e_phentsize
  put_le(elf + 56, 1, 2);     // e_phnum
  uchar *ph = elf + 64;
  put_le(ph, 1, 4);          // p_type: PT_LOAD
  put_le(ph + 4, 6, 4);      // p_flags: read, write
  put_le(ph + 16, vaddr, 8); // p_vaddr
  put_le(ph + 40, memsz, 8); // p_memsz; p_offset and p_filesz are 0
  put_le(ph + 48, PGSIZE, 8);
  int fd = ut_create(path);
  ut_write(fd, elf, sizeof(elf));
  close(fd);
}

// exec of a program whose segment lies where no process can have memory
// (at KERNBASE, far past all of RAM; against the trapframe, with no room for
// the stack; or wrapping around the address space) returns -1 at once,
// without first taking every page below the segment from everyone else.
// Allocating all of memory and giving it back takes a few ticks each time,
// refusing takes none: twice each, the six refusals must take under half a
// second.
void t_execgap(void)
{
  static const struct {
    uint64 vaddr, memsz;
  } bad[] = {
      {KERNBASE, PGSIZE},
      {TRAPFRAME - PGSIZE, PGSIZE},
      {PGSIZE, -(uint64)PGSIZE},
  };
  char *argv[] = {"execgap", 0};
  int ticks = 0;
  int before = -1;
  for (int i = 0; i < 2 * (int)(sizeof(bad) / sizeof(bad[0])); i++) {
    uint64 vaddr = bad[i % 3].vaddr, memsz = bad[i % 3].memsz;
    write_bss_elf("execgap.elf", vaddr, memsz);
    if (before < 0)
      before = ut_countfree(); // with the file's blocks in the cache
    int start = uptime();
    int r = exec("execgap.elf", argv);
    ticks += uptime() - start;
    if (r != -1)
      ut_fail("exec of a segment of %p bytes at %p returned %d, want -1", (void *)memsz,
              (void *)vaddr, r);
  }
  // Counting free pages takes all of them, so once for all six execs: a
  // page any of them leaked is still missing at the end.
  int after = ut_countfree();
  if (after != before)
    ut_fail("free pages: %d before six execs that fail, %d after", before, after);
  if (ticks > 4)
    ut_fail("six execs that must fail took %d ticks: exec allocates before it checks", ticks);
  unlink("execgap.elf");
}

// A pipe carries a large stream intact and in order, whatever the read
// sizes, and reports end of file once the writer has gone.
void t_pipe(void)
{
  static uchar buf[4096];
  enum { TOTAL = 100000, CHUNK = 1033 };
  int fds[2];
  if (pipe(fds) < 0)
    ut_fail("pipe failed");
  if (ut_fork() == 0) {
    close(fds[0]);
    int seq = 0;
    for (int sent = 0; sent < TOTAL; sent += CHUNK) {
      int n = TOTAL - sent < CHUNK ? TOTAL - sent : CHUNK;
      for (int i = 0; i < n; i++)
        buf[i] = seq++;
      ut_write(fds[1], buf, n);
    }
    exit(0);
  }
  close(fds[1]);
  int got = 0, want = 1, n;
  while ((n = read(fds[0], buf, want)) > 0) {
    for (int i = 0; i < n; i++)
      if (buf[i] != (uchar)(got + i))
        ut_fail("byte %d through the pipe is %d, want %d", got + i, buf[i], (uchar)(got + i));
    got += n;
    want = want * 2 > (int)sizeof(buf) ? 7 : want * 2;
  }
  close(fds[0]);
  if (n < 0 || got != TOTAL)
    ut_fail("the pipe delivered %d bytes (last read %d), want %d", got, n, TOTAL);
  if (ut_wait() != 0)
    ut_fail("the writer failed");
}

// A child to be killed: spinning, sleeping, or making system calls. It
// writes a byte to fd once it is on its way, so that the kill finds it
// there and not still in fork.
static int start_victim(int kind, int fd)
{
  int pid = ut_fork();
  if (pid == 0) {
    write(fd, "v", 1);
    for (;;) {
      if (kind == 1)
        sleep(10);
      else if (kind == 2)
        getpid();
    }
  }
  return pid;
}

// kill makes a child exit with status -1 whether it spins, sleeps or makes
// system calls, and kill of a pid that does not exist returns -1. The
// sleeper is given a tick after it reports, to be asleep when the kill comes.
void t_killstatus(void)
{
  int fds[2];
  char c;
  if (pipe(fds) < 0)
    ut_fail("pipe failed");
  for (int i = 0; i < 30; i++) {
    int kind = i % 3;
    int pid = start_victim(kind, fds[1]);
    if (read(fds[0], &c, 1) != 1)
      ut_fail("a child to be killed (kind %d) did not report", kind);
    if (kind == 1)
      sleep(1);
    if (kill(pid) != 0)
      ut_fail("kill(%d) of a live child failed", pid);
    int status = ut_wait();
    if (status != -1)
      ut_fail("a killed child (kind %d) exited with %d, want -1", kind, status);
  }
  close(fds[0]);
  close(fds[1]);
  if (kill(1000000) != -1)
    ut_fail("kill of a pid that does not exist did not return -1");
}

// With more spinning children than harts, the scheduler still preempts them
// so the parent runs, and it can kill every one.
void t_preempt(void)
{
  enum { NSPIN = NCPU + 1 };
  int pids[NSPIN], fds[2];
  char c;
  if (pipe(fds) < 0)
    ut_fail("pipe failed");
  for (int i = 0; i < NSPIN; i++) {
    if ((pids[i] = ut_fork()) == 0) {
      write(fds[1], "s", 1);
      for (;;)
        ;
    }
  }
  for (int i = 0; i < NSPIN; i++)
    if (read(fds[0], &c, 1) != 1)
      ut_fail("a spinning child did not report");
  sleep(2);
  for (int i = 0; i < NSPIN; i++)
    kill(pids[i]);
  for (int i = 0; i < NSPIN; i++)
    if (ut_wait() != -1)
      ut_fail("a killed spinning child did not exit with -1");
}

// wait returns each child's pid and exit status: many children one after the
// other, then twenty alive at once, then -1 when none is left.
void t_exitwait(void)
{
  int pids[20], status;
  for (int i = 0; i < 100; i++) {
    int pid = ut_fork();
    if (pid == 0)
      exit(i);
    int r = wait(&status);
    if (r != pid || status != i)
      ut_fail("wait gave pid %d status %d, want pid %d status %d", r, status, pid, i);
  }
  for (int i = 0; i < 20; i++)
    if ((pids[i] = ut_fork()) == 0)
      exit(100 + i);
  for (int n = 0; n < 20; n++) {
    int r = wait(&status);
    int i = status - 100;
    if (i < 0 || i >= 20 || pids[i] != r)
      ut_fail("wait gave pid %d status %d, which no child matches", r, status);
    pids[i] = -1;
  }
  if (wait(0) != -1)
    ut_fail("wait with no children left did not return -1");
}

// A child exiting before its own child hands the grandchild to init, which
// reaps it; done more often than NPROC, so a leaked slot shows as a failed
// fork. Each round waits, through a pipe only the child and grandchild hold
// open, until the grandchild has exited too: otherwise a fast kernel piles up
// sleeping grandchildren and fills the process table with live processes.
// One round in ten the grandchild outlives its parent for sure: it waits for
// end of file on a pipe whose write end only the parent holds.
void t_reparent(void)
{
  for (int i = 0; i < 200; i++) {
    int fds[2], up[2];
    if (pipe(fds) < 0)
      ut_fail("round %d: pipe failed", i);
    if (ut_fork() == 0) {
      close(fds[0]);
      int outlive = i % 10 == 1;
      if (outlive && pipe(up) < 0)
        exit(1);
      int pid = fork();
      if (pid < 0)
        exit(1);
      if (pid == 0) {
        if (outlive) {
          char c;
          close(up[1]);
          while (read(up[0], &c, 1) > 0)
            ;
        }
        exit(0);
      }
      exit(0);
    }
    close(fds[1]);
    if (ut_wait() != 0)
      ut_fail("round %d: fork failed in the child: orphans are not being reaped", i);
    char c;
    if (read(fds[0], &c, 1) != 0)
      ut_fail("round %d: the pipe to the grandchild did not report its exit", i);
    close(fds[0]);
  }
}

// Two children alive at once, hundreds of times.
void t_twochildren(void)
{
  for (int i = 0; i < 500; i++) {
    int a = ut_fork();
    if (a == 0)
      exit(0);
    int b = ut_fork();
    if (b == 0)
      exit(0);
    int s1, s2;
    int r1 = wait(&s1), r2 = wait(&s2);
    if (!((r1 == a && r2 == b) || (r1 == b && r2 == a)) || s1 != 0 || s2 != 0)
      ut_fail("round %d: waits returned %d and %d, want %d and %d", i, r1, r2, a, b);
  }
}

// Two processes forking and reaping in tight loops at the same time.
void t_forkfork(void)
{
  for (int i = 0; i < 2; i++) {
    if (ut_fork() == 0) {
      for (int j = 0; j < 200; j++) {
        int pid = fork();
        if (pid < 0)
          ut_fail("fork %d failed with only a few processes alive", j);
        if (pid == 0)
          exit(0);
        wait(0);
      }
      exit(0);
    }
  }
  if (ut_wait() != 0 || ut_wait() != 0)
    ut_fail("a forking child failed");
}

// A fork storm: every process forks until a stop file appears or its time is
// up. The kernel rides out the full process table, and afterwards fork works
// again. The storm's processes are orphans the test cannot wait for, so each
// one also stops by the clock: a member that never saw the stop file (it was
// starved of CPU, or the disk was too full to create the file) still exits,
// and none outlives the test to fill the process table for the next one.
// Every member holds the write end of a pipe: the first whose fork fails
// writes to it (the table is full), and end of file on it means that every
// member has gone.
void t_forkforkfork(void)
{
  // Ticks (100 ms): the storm blows for STORM once the table is full, and
  // no member lives past LIMIT, counted from the start.
  enum { STORM = 5, LIMIT = 30 };
  int stop_at = uptime() + LIMIT;
  int fds[2];
  char c;
  if (pipe(fds) < 0)
    ut_fail("pipe failed");
  unlink("fff.stop");
  if (ut_fork() == 0) {
    close(fds[0]);
    int said = 0;
    for (;;) {
      int fd = open("fff.stop", O_RDONLY);
      if (fd >= 0 || uptime() >= stop_at)
        exit(0);
      if (fork() < 0) {
        if (!said)
          write(fds[1], "f", 1);
        said = 1;
        sleep(1);
      }
    }
  }
  close(fds[1]);
  if (read(fds[0], &c, 1) != 1)
    ut_fail("the storm ended without ever filling the process table");
  sleep(STORM);
  int fd = open("fff.stop", O_CREATE | O_WRONLY);
  if (fd >= 0)
    close(fd);
  if (ut_wait() != 0)
    ut_fail("the storm's first process did not exit cleanly");
  while (read(fds[0], &c, 1) > 0)
    ; // until the last member has exited
  close(fds[0]);
  int pid = fork();
  if (pid < 0)
    ut_fail("fork fails after every process of the storm has exited");
  if (pid == 0)
    exit(0);
  wait(0);
  unlink("fff.stop");
}

// fork fails with -1 once the process table is full, and works again after
// the children are reaped.
void t_forkmax(void)
{
  int n = 0;
  for (;;) {
    int pid = fork();
    if (pid < 0)
      break;
    if (pid == 0)
      exit(0);
    if (++n > NPROC)
      ut_fail("fork succeeded %d times with NPROC = %d", n, NPROC);
  }
  if (n == 0)
    ut_fail("not a single fork succeeded");
  for (int i = 0; i < n; i++)
    if (ut_wait() != 0)
      ut_fail("a child of the full process table failed");
  if (wait(0) != -1)
    ut_fail("wait found more children than were forked");
  if (ut_fork() == 0)
    exit(0);
  ut_wait();
}
