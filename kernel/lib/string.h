// Kernel string and memory helpers. The mem* and strlen/strncmp signatures
// match ISO C so that kernel files can also be compiled on the host for tests.
#pragma once

void *memset(void *dst, int c, unsigned long n);
void *memmove(void *dst, const void *src, unsigned long n);
void *memcpy(void *dst, const void *src, unsigned long n);
int memcmp(const void *a, const void *b, unsigned long n);
unsigned long strlen(const char *s);
int strncmp(const char *a, const char *b, unsigned long n);

// Copy at most n-1 bytes and always NUL-terminate (n > 0).
char *safestrcpy(char *dst, const char *src, int n);
