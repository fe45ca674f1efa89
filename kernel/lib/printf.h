// Kernel console output: printf (%d %u %x %p %s %c %l) and panic.
#pragma once

void printfinit(void);
int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void panic(const char *msg) __attribute__((noreturn));

// Set once a hart panics, so the others stop printing and freeze.
extern volatile int panicked;
