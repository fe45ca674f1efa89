/* A stand-in for qemu-system-riscv64 in the grader's end-to-end tests: it
 * checks it got the machine of `ninja qemu`, then plays its "-kernel" file as
 * a script (a console that prompts, answers, hangs, panics or fails to start,
 * or prints lines tagged with the image's key as a graded program does). A
 * script may follow a 64-byte ELF header, so that the grade program, which
 * refuses anything but a RISC-V ELF, takes it as a kernel. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "user/gradekey.h"
#include "user/hmac.h"

/* The kernel's panic exit status (kernel/dev/poweroff.h), as a real
 * kernel's panic ends the machine. */
#include "kernel/dev/poweroff.h"

enum { MAX_RULES = 32, ELF_HEADER = 64 };

struct rule {
  /* on; slow (half a second late); hang; panic (the line, then QEMU exits
   * with the panic status); spinpanic (the line, then silence); noisypanic
   * (the line, other harts' lines, then the exit); drip (its line 8 times,
   * a third of a second apart); tagged (its lines tagged with the image's key) */
  char verb[16];
  char command[128];
  char output[512];
};

static struct rule rules[MAX_RULES];
static int nrules;
static const char *stamp_path; /* "stamp FILE": when the last act happened */
static char image_path[4096];
static int tagged_lines; /* lines tagged so far, as user/tag.c counts */

/* The monotonic time of an act the test measures the grader's latency
 * from (CLOCK_MONOTONIC is the same clock in every process). */
static void stamp(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  FILE *f = stamp_path ? fopen(stamp_path, "w") : NULL;
  if (f) {
    fprintf(f, "%.6f\n", (double)ts.tv_sec + (double)ts.tv_nsec / 1e9);
    fclose(f);
  }
}

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

/* The key the grader wrote into the image's /gradekey placeholder, if any. */
static int read_key(unsigned char key[GRADEKEY_KEY_LEN])
{
  FILE *f = fopen(image_path, "rb");
  unsigned char block[1024];
  int found = 0;
  while (f && !found && fread(block, 1, sizeof block, f) == sizeof block) {
    if (memcmp(block, GRADEKEY_MARKER, GRADEKEY_MARKER_LEN) == 0) {
      memcpy(key, block + GRADEKEY_MARKER_LEN, GRADEKEY_KEY_LEN);
      found = 1;
    }
  }
  if (f)
    fclose(f);
  return found;
}

/* Each line of `text` (lines split at a literal backslash-n) as user/tag.c
 * prints it: " [tag:PID.N:MAC]" with the first 16 hex digits of the MAC. */
static void say_tagged(const char *text)
{
  unsigned char key[GRADEKEY_KEY_LEN];
  char line[512], msg[600];
  int keyed = read_key(key);
  while (*text) {
    const char *end = strstr(text, "\\n");
    size_t n = end ? (size_t)(end - text) : strlen(text);
    snprintf(line, sizeof line, "%.*s", (int)n, text);
    text += n + (end ? 2 : 0);
    if (!keyed) {
      printf("%s\r\n", line);
      continue;
    }
    char id[32];
    snprintf(id, sizeof id, "%d.%d", (int)getpid(), ++tagged_lines);
    int len = snprintf(msg, sizeof msg, "%s %s", id, line);
    unsigned char mac[SHA256_DIGEST];
    hmac_sha256(key, GRADEKEY_KEY_LEN, msg, (unsigned)len, mac);
    printf("%s [tag:%s:", line, id);
    for (int i = 0; i < GRADEKEY_TAG_HEX / 2; i++)
      printf("%02x", mac[i]);
    printf("]\r\n");
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
  snprintf(image_path, sizeof image_path, "%s", path);
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
  if (fgets(line, 5, f) && memcmp(line,
                                  "\x7f"
                                  "ELF",
                                  4) == 0)
    fseek(f, ELF_HEADER, SEEK_SET);
  else
    rewind(f);
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
    } else if (strncmp(line, "stamp ", 6) == 0) {
      stamp_path = strdup(arg);
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
    const char *verb = rules[i].verb;
    if (strcmp(verb, "hang") == 0)
      stamp(), hang();
    if (strcmp(verb, "slow") == 0)
      usleep(500 * 1000);
    if (strcmp(verb, "panic") == 0 || strcmp(verb, "spinpanic") == 0 ||
        strcmp(verb, "noisypanic") == 0) {
      stamp();
      say("panic: "), say(rules[i].output), say("\\n");
      if (strcmp(verb, "spinpanic") == 0)
        hang();
      for (int k = 0; strcmp(verb, "noisypanic") == 0 && k < 3; k++)
        say("hart 2: still printing\\n");
      exit(POWEROFF_PANIC_STATUS);
    }
    if (strcmp(verb, "tagged") == 0) {
      say_tagged(rules[i].output);
      return;
    }
    if (strcmp(verb, "drip") == 0) {
      for (int k = 0; k < 8; k++)
        say(rules[i].output), say("\\n"), usleep(330 * 1000);
      return;
    }
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
