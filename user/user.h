// The user-program interface: system-call stubs (generated into usys.S from
// kernel/syscall.h) and the small C library in ulib.c, printf.c and umalloc.c.
// Signatures follow xv6-riscv so lab programs compile unmodified.
#pragma once

#include "kernel/types.h"

struct stat;

// System calls (user/usys.S). Each returns -1 on failure.
int fork(void);
void exit(int status) __attribute__((noreturn));
int wait(int *status);
int pipe(int *fds);
int write(int fd, const void *buf, int n);
int read(int fd, void *buf, int n);
int close(int fd);
int kill(int pid);
int exec(const char *path, char **argv);
int open(const char *path, int flags);
int mknod(const char *path, short major, short minor);
int unlink(const char *path);
int fstat(int fd, struct stat *st);
int link(const char *oldpath, const char *newpath);
int mkdir(const char *path);
int chdir(const char *path);
int dup(int fd);
int getpid(void);
char *sbrk(int n);
int sleep(int ticks);
int uptime(void);
// The pgtbl lab (MIT 6.1810's calls): print the caller's page table, and
// va's leaf PTE (0 if no valid leaf maps it).
void kpgtbl(void);
uint64 pgpte(void *va);
// rvlab extension: end the QEMU run with this exit status; returns only on failure.
int poweroff(int status);
// rvlab extension: copy the kernel's memory counters (kernel/kstat.h) into *ks; 0 or -1.
struct kstat;
int kstat(struct kstat *ks);
// Lock lab: the kernel's lock statistics as text (at most n bytes, no final
// 0); the number of bytes, or -1.
int statistics(void *buf, int n);

// The syscall lab's calls: trace system calls by number; read free memory
// and the process count (kernel/sysinfo.h).
int trace(int mask);
struct sysinfo;
int sysinfo(struct sysinfo *info);
// The traps lab's alarms: run handler after every ticks ticks of CPU time
// (sigalarm(0, 0) stops it); the handler ends with sigreturn(). 0 or -1.
int sigalarm(int ticks, void (*handler)());
int sigreturn(void);

// Library (user/ulib.c).
int stat(const char *path, struct stat *st);
char *strcpy(char *dst, const char *src);
void *memmove(void *dst, const void *src, int n);
char *strchr(const char *s, char c);
int strcmp(const char *a, const char *b);
char *gets(char *buf, int max);
uint strlen(const char *s);
void *memset(void *dst, int c, uint n);
int atoi(const char *s);
int memcmp(const void *a, const void *b, uint n);
void *memcpy(void *dst, const void *src, uint n);
int pause(int ticks);
// The caller's pid, read from the USYSCALL page without a system call.
int ugetpid(void);

// Formatted output (user/printf.c).
void fprintf(int fd, const char *fmt, ...) __attribute__((format(__printf__, 2, 3)));
void printf(const char *fmt, ...) __attribute__((format(__printf__, 1, 2)));

// Heap (user/umalloc.c).
void *malloc(uint n);
void free(void *p);
