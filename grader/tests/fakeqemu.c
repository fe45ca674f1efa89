/* A stand-in for qemu-system-riscv64 in the grader's end-to-end tests: it
 * checks it got the machine of `ninja qemu`, then plays its "-kernel" file as
 * a script (a console that prompts, answers, hangs, panics or fails to start). */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { MAX_RULES = 32 };

struct rule {
  char verb[16]; /* on, slow (half a second late), hang, panic */
  char command[128];
  char output[512];
};

static struct rule rules[MAX_RULES];
static int nrules;

static void say(const char *text)
{
  /* Like a UART console, end lines with CR LF; "\n" in a script is a newline. */
  for (const char *p = text; *p; p++) {
    if (p[0] == '\\' && p[1] == 'n') {
      fputs("\r\n", stdout);
      p++;
    } else {
      fputc(*p, stdout);
    }
  }
  fflush(stdout);
}

static void hang(void)
{
  for (;;)
    pause();
}

static const char *arg_after(int argc, char **argv, const char *flag)
{
  for (int i = 1; i + 1 < argc; i++)
    if (strcmp(argv[i], flag) == 0)
      return argv[i + 1];
  return NULL;
}

static int has_pair(int argc, char **argv, const char *flag, const char *prefix)
{
  const char *v = arg_after(argc, argv, flag);
  return v && strncmp(v, prefix, strlen(prefix)) == 0;
}

static int machine_ok(int argc, char **argv)
{
  int nographic = 0;
  for (int i = 1; i < argc; i++)
    nographic |= strcmp(argv[i], "-nographic") == 0;
  return nographic && has_pair(argc, argv, "-machine", "virt") &&
         has_pair(argc, argv, "-bios", "none") && arg_after(argc, argv, "-m") &&
         arg_after(argc, argv, "-smp") &&
         has_pair(argc, argv, "-global", "virtio-mmio.force-legacy=false") &&
         has_pair(argc, argv, "-drive", "file=") &&
         has_pair(argc, argv, "-device", "virtio-blk-device,drive=x0,bus=virtio-mmio-bus.0");
}

/* Write to the disk image, as a kernel would, so tests can prove that the
 * grader handed us a private copy. */
static void touch_image(const char *drive, char *path, size_t len)
{
  snprintf(path, len, "%s", drive + strlen("file="));
  path[strcspn(path, ",")] = '\0';
  int fd = open(path, O_WRONLY | O_APPEND);
  if (fd < 0 || write(fd, "fakeqemu was here\n", 18) != 18) {
    fprintf(stderr, "fakeqemu: cannot write the image %s\n", path);
    exit(1);
  }
  close(fd);
}

/* Setup lines act at once; rule lines wait for their command. */
static void load_script(const char *kernel, const char *image)
{
  FILE *f = fopen(kernel, "r");
  char line[1024];
  if (!f) {
    fprintf(stderr, "fakeqemu: could not load kernel '%s'\n", kernel);
    exit(1);
  }
  while (fgets(line, sizeof line, f)) {
    line[strcspn(line, "\n")] = '\0';
    char *arg = strchr(line, ' ');
    arg = arg ? arg + 1 : line + strlen(line);
    if (strncmp(line, "stderr ", 7) == 0) {
      fprintf(stderr, "%s\n", arg);
    } else if (strncmp(line, "exit ", 5) == 0) {
      exit(atoi(arg));
    } else if (strncmp(line, "boot ", 5) == 0) {
      say(arg), say("\\n");
    } else if (strcmp(line, "silent") == 0) {
      hang();
    } else if (strcmp(line, "child") == 0) {
      if (fork() == 0)
        hang();
    } else if (strncmp(line, "pidfile ", 8) == 0) {
      FILE *p = fopen(arg, "w");
      fprintf(p, "%d\n%s\n", (int)getpid(), image);
      fclose(p);
    } else if (nrules < MAX_RULES && sscanf(line, "%15s", rules[nrules].verb) == 1) {
      char *sep = strstr(arg, " => ");
      if (sep)
        *sep = '\0', snprintf(rules[nrules].output, sizeof rules[0].output, "%s", sep + 4);
      snprintf(rules[nrules].command, sizeof rules[0].command, "%s", arg);
      nrules++;
    }
  }
  fclose(f);
}

static void obey(const char *command)
{
  int status;
  if (sscanf(command, "poweroff %d", &status) == 1)
    exit(status);
  if (strcmp(command, "poweroff") == 0)
    exit(0);
  for (int i = 0; i < nrules; i++) {
    if (strcmp(rules[i].command, command) != 0)
      continue;
    if (strcmp(rules[i].verb, "hang") == 0)
      hang();
    if (strcmp(rules[i].verb, "slow") == 0)
      usleep(500 * 1000);
    if (strcmp(rules[i].verb, "panic") == 0)
      say("panic: "), say(rules[i].output), say("\\n"), hang();
    say(rules[i].output), say("\\n");
    return;
  }
  say("exec "), say(command), say(" failed\\n");
}

int main(int argc, char **argv)
{
  const char *kernel = arg_after(argc, argv, "-kernel");
  char image[4096];
  if (!machine_ok(argc, argv) || !kernel) {
    fprintf(stderr, "fakeqemu: not the machine of `ninja qemu`\n");
    return 1;
  }
  touch_image(arg_after(argc, argv, "-drive"), image, sizeof image);
  load_script(kernel, image);
  char command[256];
  size_t n = 0;
  say("$ ");
  for (int c; (c = getchar()) != EOF;) {
    if (c == '\r' || c == '\n') {
      say("\\n");
      command[n] = '\0';
      obey(command);
      n = 0;
      say("$ ");
    } else if (n + 1 < sizeof command) {
      command[n++] = (char)c;
      putchar(c);
      fflush(stdout);
    }
  }
  return 0;
}
