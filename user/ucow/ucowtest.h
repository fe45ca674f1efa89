// What the ucow test programs share: a region of fixed addresses inside the
// process (so the rubric can name them) that starts out unmapped.
#pragma once

#include "kernel/types.h"

// [UCOW_BASE, UCOW_BASE + UCOW_PAGES pages): below sz but unmapped after
// ucow_region(), so touching it faults and the page calls may map there.
#define UCOW_BASE  0x100000UL
#define UCOW_PAGES 16

// Grow the process over the region and unmap it; exits on failure.
void ucow_region(void);
