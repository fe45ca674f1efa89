// The two policies of user-level fork that its variants differ in
// (user/ufork/*.c; Meson links one, -Dufork): how a page is shared with
// the child, and what exception stack the child gets. ufork.c has the rest.
#pragma once

#include "kernel/types.h"

// Map the caller's page at va, whose permissions are perm (page_perm), into
// the unstarted child at the same va. 0 or -1.
int ufork_duppage(int child, uint64 va, int perm);

// Give the child an exception stack at ufault_xstack, the page
// ufork_duppage is never asked about. 0 or -1.
int ufork_xstack(int child);

// Map the caller's page at va into pid at va with perm. Not inlined: like
// any C call it writes its frame on the stack, which is what makes the
// order of the two maps of a copy-on-write page matter.
int ufork_map(int pid, uint64 va, int perm);
