// Ending a test program's test as failed: the reason on a line of its own,
// after the test's name, then exit(1). The line never starts with "test ",
// so graders do not mistake it for a verdict. Shared by usertests, cowtest
// and pgtblcheck, each of which names its running test in its own variable.
#pragma once

#include "user/user.h"

#define test_fail(name, ...)                                                                       \
  do {                                                                                             \
    printf("%s: ", (name));                                                                        \
    printf(__VA_ARGS__);                                                                           \
    printf("\n");                                                                                  \
    exit(1);                                                                                       \
  } while (0)
