/* The build sandbox (sandbox.h). bwrap makes the namespaces; we set the
 * resource limits before exec (they are inherited by everything the build
 * starts) and keep the clock. Ninja starts each compiler in a process group
 * of its own, so killing the build's group is not enough: at the limit we
 * kill every descendant we can find under /proc, and in the sandbox the
 * death of bwrap's pid-1 takes the whole pid namespace with it. */
#define _GNU_SOURCE
#include "grader/class/sandbox.h"
#include "grader/driver.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum { MAX_ARGS = 128, MAX_PROCS = 4096 };

struct argv_builder {
  char *v[MAX_ARGS];
  int n;
};

static void add(struct argv_builder *b, const char *a, const char *b1, const char *b2)
{
  const char *words[] = {a, b1, b2};
  for (int i = 0; i < 3 && words[i]; i++)
    if (b->n < MAX_ARGS - 1)
      b->v[b->n++] = (char *)words[i];
}

/* /bin, /lib and the like: symlinks into /usr on a merged-/usr system (as
 * Debian 12 and Ubuntu 22.04 are), directories on an older one. */
static void add_root_dirs(struct argv_builder *b)
{
  static const char *dirs[] = {"/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"};
  static char targets[6][PATH_MAX];
  for (int i = 0; i < 6; i++) {
    struct stat st;
    if (lstat(dirs[i], &st) != 0)
      continue;
    ssize_t n = S_ISLNK(st.st_mode) ? readlink(dirs[i], targets[i], PATH_MAX - 1) : -1;
    if (n > 0) {
      targets[i][n] = '\0';
      add(b, "--symlink", targets[i], dirs[i]);
    } else if (S_ISDIR(st.st_mode)) {
      add(b, "--ro-bind", dirs[i], dirs[i]);
    }
  }
}

static void bwrap_argv(struct argv_builder *b, const char *src, const char *build,
                       char *const argv[])
{
  add(b, "bwrap", "--unshare-all", "--die-with-parent");
  add(b, "--new-session", "--clearenv", NULL);
  add(b, "--setenv", "PATH", "/usr/local/bin:/usr/bin:/bin");
  add(b, "--setenv", "HOME", "/tmp");
  add(b, "--setenv", "LC_ALL", "C");
  add(b, "--ro-bind", "/usr", "/usr");
  add_root_dirs(b);
  /* Debian's cc and friends are links through /etc/alternatives; nothing
   * else of /etc (passwd, ssh keys) is visible. */
  add(b, "--ro-bind-try", "/etc/alternatives", "/etc/alternatives");
  add(b, "--ro-bind-try", "/etc/ld.so.cache", "/etc/ld.so.cache");
  add(b, "--proc", "/proc", NULL);
  add(b, "--dev-bind", "/dev/null", "/dev/null");
  add(b, "--dev-bind", "/dev/zero", "/dev/zero");
  add(b, "--dev-bind", "/dev/urandom", "/dev/urandom");
  add(b, "--tmpfs", "/tmp", NULL);
  add(b, "--ro-bind", src, src);
  add(b, "--bind", build, build);
  add(b, "--chdir", build, NULL);
  add(b, "--", NULL, NULL);
  for (int i = 0; argv[i]; i++)
    add(b, argv[i], NULL, NULL);
  b->v[b->n] = NULL;
}

static void set_limit(int resource, long long value)
{
  struct rlimit rl = {.rlim_cur = (rlim_t)value, .rlim_max = (rlim_t)value};
  setrlimit(resource, &rl);
}

/* In the child: limits, its own process group, output to log, then exec. */
static void exec_limited(const struct sandbox *sb, char *const argv[], const char *log)
{
  setpgid(0, 0);
  set_limit(RLIMIT_AS, sb->memory);
  set_limit(RLIMIT_FSIZE, sb->file_size);
  set_limit(RLIMIT_CORE, 0);
  int in = open("/dev/null", O_RDONLY);
  int out = log ? open(log, O_WRONLY | O_CREAT | O_APPEND, 0644) : open("/dev/null", O_WRONLY);
  if (in < 0 || out < 0)
    _exit(127);
  dup2(in, 0), dup2(out, 1), dup2(out, 2);
  execvp(argv[0], argv);
  _exit(127);
}

/* The parent of pid, from /proc/PID/stat (the name in parentheses may hold
 * anything, so the fields are counted from its last ')'). */
static pid_t parent_of(pid_t pid)
{
  char path[64], buf[1024];
  snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
  int fd = open(path, O_RDONLY);
  if (fd < 0)
    return -1;
  ssize_t n = read(fd, buf, sizeof buf - 1);
  close(fd);
  if (n <= 0)
    return -1;
  buf[n] = '\0';
  char *end = strrchr(buf, ')');
  int ppid;
  return end && sscanf(end + 1, " %*c %d", &ppid) == 1 ? (pid_t)ppid : -1;
}

/* Every living descendant of root, root included; returns how many. */
static int descendants(pid_t root, pid_t *out, int max)
{
  int n = 0;
  out[n++] = root;
  for (int grew = 1; grew && n < max;) {
    grew = 0;
    DIR *d = opendir("/proc");
    if (!d)
      break;
    for (struct dirent *e; (e = readdir(d)) && n < max;) {
      pid_t pid = (pid_t)atoi(e->d_name), ppid;
      if (pid <= 0 || (ppid = parent_of(pid)) <= 0)
        continue;
      int known = 0, parent_known = 0;
      for (int i = 0; i < n; i++)
        known |= out[i] == pid, parent_known |= out[i] == ppid;
      if (parent_known && !known)
        out[n++] = pid, grew = 1;
    }
    closedir(d);
  }
  return n;
}

/* The command lines of the build's processes, for "which file was it". */
static char *command_lines(const pid_t *pids, int n)
{
  char *text = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&text, &len);
  for (int i = 0; i < n; i++) {
    char path[64], buf[8192];
    snprintf(path, sizeof path, "/proc/%d/cmdline", (int)pids[i]);
    int fd = open(path, O_RDONLY);
    ssize_t got = fd >= 0 ? read(fd, buf, sizeof buf - 1) : -1;
    if (fd >= 0)
      close(fd);
    for (ssize_t j = 0; j < got; j++)
      fputc(buf[j] ? buf[j] : ' ', f);
    fputc('\n', f);
  }
  fclose(f);
  return text;
}

/* Kill every descendant of this process until none is left: the build's
 * group, ninja's compilers in groups of their own, and the orphans they
 * leave, which stay ours since class_main makes each grading process a child
 * subreaper. The caller has no other children while a build runs. */
static void kill_descendants(void)
{
  static pid_t pids[MAX_PROCS];
  for (int round = 0; round < 100; round++) {
    int n = descendants(getpid(), pids, MAX_PROCS);
    for (int i = 1; i < n; i++) {
      kill(pids[i], SIGKILL);
      kill(-pids[i], SIGKILL);
    }
    while (waitpid(-1, NULL, WNOHANG) > 0)
      ;
    if (n <= 1)
      return;
    struct timespec ts = {0, 20 * 1000 * 1000};
    nanosleep(&ts, NULL);
  }
}

int sandbox_run(const struct sandbox *sb, const char *src, const char *build, char *const argv[],
                const char *log, double deadline, char **busy)
{
  struct argv_builder b = {.n = 0};
  if (sb->enabled)
    bwrap_argv(&b, src, build, argv);
  pid_t pid = fork();
  if (pid < 0)
    return -1;
  if (pid == 0)
    exec_limited(sb, sb->enabled ? b.v : argv, log);
  for (;;) {
    int status;
    pid_t w = waitpid(pid, &status, WNOHANG);
    if (w == pid) {
      kill_descendants(); /* anything it left running in the background */
      return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }
    if (w < 0 && errno != EINTR)
      return -1;
    if (driver_now() >= deadline) {
      static pid_t pids[MAX_PROCS];
      int n = descendants(pid, pids, MAX_PROCS);
      if (busy)
        *busy = command_lines(pids, n);
      kill(-pid, SIGKILL);
      kill_descendants();
      return SANDBOX_TIMED_OUT;
    }
    struct timespec ts = {0, 20 * 1000 * 1000};
    nanosleep(&ts, NULL);
  }
}

int sandbox_probe(char *why, size_t len)
{
  char dir[] = "/tmp/rvlab-probe-XXXXXX";
  if (!mkdtemp(dir)) {
    snprintf(why, len, "cannot make a directory in /tmp: %s", strerror(errno));
    return -1;
  }
  char log[sizeof dir + 8];
  snprintf(log, sizeof log, "%s/log", dir);
  struct sandbox sb = {.enabled = true, .seconds = 30, .memory = 1LL << 30, .file_size = 1 << 20};
  char *argv[] = {"true", NULL};
  int rc = sandbox_run(&sb, dir, dir, argv, log, driver_now() + 30, NULL);
  if (rc != 0) {
    FILE *f = fopen(log, "r");
    char line[256] = "";
    if (!f || !fgets(line, sizeof line, f))
      snprintf(line, sizeof line, "bwrap is not installed (Debian: apt install bubblewrap)");
    if (f)
      fclose(f);
    line[strcspn(line, "\n")] = '\0';
    snprintf(why, len, "%s", line);
  }
  unlink(log);
  rmdir(dir);
  return rc == 0 ? 0 : -1;
}
