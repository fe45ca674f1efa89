// Boot test: boots a kernel under QEMU, waits for the shell prompt, runs one
// command, checks its output and powers the machine off. Small on purpose:
// the grader (grader/) does this in general; this checks the boot path.
//
// usage: boot [--want TEXT] [--run COMMAND EXPECT]... IMAGE TIMEOUT_SECONDS QEMU QEMU-ARGS...
// --want: the console must show TEXT before the first prompt (the boot line
// naming the timer the kernel chose, say). --run: one more command after
// `echo hi | wc`, whose output must show EXPECT. The image is copied first,
// so the build's fs.img is never modified.
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static char console[1 << 16]; // everything QEMU printed, NUL-terminated
static size_t console_len;

static double now(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int copy_file(const char *from, const char *to)
{
  char buf[1 << 16];
  int in = open(from, O_RDONLY);
  int out = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  ssize_t n = 0;
  if (in >= 0 && out >= 0)
    while ((n = read(in, buf, sizeof buf)) > 0)
      if (write(out, buf, n) != n)
        n = -1;
  if (in >= 0)
    close(in);
  if (out >= 0)
    close(out);
  return (in < 0 || out < 0 || n < 0) ? -1 : 0;
}

// Read QEMU's output until want appears after offset from, the console shows a
// panic, QEMU exits, or the deadline passes. 0 when found, -1 otherwise.
static int expect(int fd, const char *want, size_t from, double deadline)
{
  for (;;) {
    if (strstr(console + from, want))
      return 0;
    if (strstr(console, "panic: ")) {
      fprintf(stderr, "boot: kernel panic\n");
      return -1;
    }
    // init says so when it cannot start the shell, and retries for ever:
    // no prompt is coming, so say why now rather than at the deadline.
    if (strstr(console, "init: retrying in a second")) {
      fprintf(stderr, "boot: init could not start the shell (init: fork failed, or exec sh "
                      "failed); no prompt will come\n");
      return -1;
    }
    int ms = (int)((deadline - now()) * 1000);
    if (ms <= 0) {
      fprintf(stderr, "boot: timed out waiting for \"%s\"\n", want);
      return -1;
    }
    struct pollfd p = {.fd = fd, .events = POLLIN};
    if (poll(&p, 1, ms) < 0 && errno != EINTR)
      return -1;
    if (!(p.revents & (POLLIN | POLLHUP)))
      continue;
    ssize_t n = read(fd, console + console_len, sizeof console - 1 - console_len);
    if (n <= 0) {
      fprintf(stderr, "boot: QEMU exited before printing \"%s\"\n", want);
      return -1;
    }
    console_len += n;
    console[console_len] = '\0';
  }
}

static void say(int fd, const char *line)
{
  if (write(fd, line, strlen(line)) < 0)
    perror("boot: write to QEMU");
}

// Wait for QEMU to exit by itself until the deadline; 0 if it exited with 0.
static int reap(pid_t pid, double deadline)
{
  int status;
  while (now() < deadline) {
    pid_t r = waitpid(pid, &status, WNOHANG);
    if (r == pid)
      return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
    usleep(10000);
  }
  fprintf(stderr, "boot: QEMU did not power off\n");
  return -1;
}

// Run one command at the prompt: 0 once its output shows want and the next
// prompt came.
static int run(int in, int out, const char *command, const char *want, double deadline)
{
  size_t mark = console_len;
  say(in, command);
  say(in, "\n");
  if (expect(out, want, mark, deadline) < 0)
    return -1;
  // The prompt that counts is the one after the expected output.
  size_t found = (size_t)(strstr(console + mark, want) - console);
  return expect(out, "$ ", found, deadline);
}

#define MAX_RUNS 8

int main(int argc, char **argv)
{
  const char *want = NULL, *runs[MAX_RUNS][2];
  int nruns = 0;
  for (; argc > 1 && strncmp(argv[1], "--", 2) == 0; argc--, argv++) {
    if (strcmp(argv[1], "--want") == 0 && argc > 2) {
      want = argv[2];
      argc--, argv++;
    } else if (strcmp(argv[1], "--run") == 0 && argc > 3 && nruns < MAX_RUNS) {
      runs[nruns][0] = argv[2], runs[nruns][1] = argv[3];
      nruns++;
      argc -= 2, argv += 2;
    } else {
      argc = 0; // falls to the usage message
      break;
    }
  }
  if (argc < 5) {
    fprintf(stderr, "usage: boot [--want TEXT] [--run COMMAND EXPECT]... IMAGE TIMEOUT_SECONDS "
                    "QEMU QEMU-ARGS...\n");
    return 2;
  }
  char image[] = "/tmp/rvlab-boot-XXXXXX";
  int tmp = mkstemp(image);
  if (tmp < 0 || copy_file(argv[1], image) < 0) {
    perror("boot: copying the image");
    return 1;
  }
  close(tmp);
  double deadline = now() + atof(argv[2]);

  char drive[512];
  snprintf(drive, sizeof drive, "file=%s,if=none,format=raw,id=x0", image);
  char **qargv = calloc(argc + 8, sizeof *qargv);
  int n = 0;
  for (int i = 3; i < argc; i++)
    qargv[n++] = argv[i];
  qargv[n++] = "-drive";
  qargv[n++] = drive;
  qargv[n++] = "-device";
  qargv[n++] = "virtio-blk-device,drive=x0,bus=virtio-mmio-bus.0";

  int to_qemu[2], from_qemu[2];
  if (pipe(to_qemu) < 0 || pipe(from_qemu) < 0) {
    perror("boot: pipe");
    return 1;
  }
  pid_t pid = fork();
  if (pid == 0) {
    setpgid(0, 0);
    dup2(to_qemu[0], 0);
    dup2(from_qemu[1], 1);
    dup2(from_qemu[1], 2);
    execvp(qargv[0], qargv);
    perror("boot: exec QEMU");
    _exit(127);
  }
  setpgid(pid, pid); // also here, so the kill below cannot miss the group
  close(to_qemu[0]);
  close(from_qemu[1]);
  int in = to_qemu[1], out = from_qemu[0];

  double start = now();
  int ok = expect(out, "$ ", 0, deadline) == 0;
  if (ok) {
    printf("boot: prompt after %.2f s\n", now() - start);
    if (want && !strstr(console, want)) {
      fprintf(stderr, "boot: the console before the prompt does not show \"%s\"\n", want);
      ok = 0;
    }
  }
  if (ok)
    ok = run(in, out, "echo hi | wc", "1 1 3", deadline) == 0;
  for (int i = 0; ok && i < nruns; i++)
    ok = run(in, out, runs[i][0], runs[i][1], deadline) == 0;
  if (ok) {
    say(in, "poweroff\n");
    ok = reap(pid, deadline) == 0;
  }
  kill(-pid, SIGKILL); // harmless if QEMU is gone; required if it is not
  waitpid(pid, NULL, 0);
  unlink(image);
  fwrite(console, 1, console_len, stdout);
  printf("\nboot: %s\n", ok ? "ok" : "FAILED");
  return ok ? 0 : 1;
}
