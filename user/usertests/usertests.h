// usertests' shared harness: how a test reports failure, runs helpers in child
// processes and names its files. Each test is a void function run in a child
// process by the driver (user/usertests/main.c); returning means it passed.
#pragma once

#include "kernel/types.h"
#include "kernel/stat.h"
#include "kernel/param.h"
#include "kernel/riscv.h"
#include "kernel/memlayout.h"
#include "kernel/fcntl.h"
#include "kernel/fs.h"
#include "user/user.h"
#include "user/testfail.h"

// The test running in this process, for failure messages.
extern const char *ut_name;

// Free pages a fresh process could sbrk when the run started. Tests size their
// memory use from it, so they work with any -Dmemory setting.
extern int ut_free_pages;

// The path of this program, for tests that exec it in a helper mode.
extern const char *ut_self;

// Print the reason on a line of its own and end the test as failed. The line
// starts with the test name, never with "test ", so graders do not mistake it
// for a verdict.
#define ut_fail(...) test_fail(ut_name, __VA_ARGS__)

// fork(), failing the test if it cannot.
int ut_fork(void);

// wait() for any child and return its exit status, failing if there is none.
int ut_wait(void);

// Run fn(arg) in a child that exits 0 if fn returns; give back its status.
int ut_child_status(void (*fn)(uint64), uint64 arg);

// Run fn(arg) in a child and fail unless the kernel killed it (status -1).
void ut_expect_killed(void (*fn)(uint64), uint64 arg, const char *what);

// Pages a new process can get from sbrk right now (see main.c).
int ut_countfree(void);

// open(path, O_CREATE | O_RDWR | O_TRUNC), failing the test if it cannot.
int ut_create(const char *path);

// write() exactly n bytes or fail the test.
void ut_write(int fd, const void *buf, int n);

// Write prefix followed by the decimal digits of n into buf.
void ut_numname(char *buf, const char *prefix, int n);

// Set the break to a page boundary and return it.
char *ut_align_break(void);

// The tests, one function each, grouped by subject.
// mem.c: user pointers, sbrk and fatal accesses.
void t_copyin(void);
void t_copyout(void);
void t_copyinstr1(void);
void t_copyinstr2(void);
void t_copyinstr3(void);
void t_rwsbrk(void);
void t_mem(void);
void t_sbrkbasic(void);
void t_sbrkmuch(void);
void t_kernmem(void);
void t_sbrkfail(void);
void t_sbrkarg(void);
void t_bss(void);
void t_stack(void);
void t_textwrite(void);
void t_sbrkedge(void);
void t_sbrklast(void);
void t_sbrkodd(void);

// proc.c: processes, exec and pipes.
void t_exec(void);
void t_bigarg(void);
void t_argptr(void);
void t_badarg(void);
void t_execvalid(void);
void t_execgap(void);
void t_pipe(void);
void t_killstatus(void);
void t_preempt(void);
void t_exitwait(void);
void t_reparent(void);
void t_twochildren(void);
void t_forkfork(void);
void t_forkforkfork(void);
void t_forkmax(void);

// fs.c: the file system.
void t_truncate1(void);
void t_truncate2(void);
void t_truncate3(void);
void t_iput(void);
void t_exitiput(void);
void t_openiput(void);
void t_open(void);
void t_write(void);
void t_writebig(void);
void t_create(void);
void t_dir(void);
void t_sharedfd(void);
void t_fourfiles(void);
void t_createdelete(void);
void t_unlinkread(void);
void t_link(void);
void t_concreate(void);
void t_linkunlink(void);
void t_subdir(void);
void t_bigwrite(void);
void t_bigfile(void);
void t_fourteen(void);
void t_rmdot(void);
void t_dirfile(void);
void t_iref(void);
void t_itablefull(void);

// slow.c: the slow set.
void t_bigdir(void);
void t_manywrites(void);
void t_badwrite(void);
void t_execout(void);
void t_diskfull(void);
void t_outofinodes(void);
void t_deaddir(void);

// Helper mode (main.c), for tests that exec this program:
//   usertests -x exit N              exit with status N (N >= 0)
//   usertests -x argcheck LEN ARG... exit with the number of ARGs if each is
//                                    LEN bytes of 'a', 'b', 'c', ...; else 200
int ut_helper(int argc, char **argv);
