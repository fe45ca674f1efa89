// The host stand-ins of tests/trace_host.c, which the trace tests set and read.
#pragma once

struct proc;

extern struct proc trace_host_proc; // what myproc() returns
extern int trace_host_arg;          // what argint() fetches
extern char trace_host_out[4096];   // all that printf printed
