// Printing a page table in MIT 6.1810's format (the pgtbl lab's kpgtbl()):
// pure logic that hands each line to a caller's function, so that the kernel
// sends it to the console and a host test collects it.
#pragma once

#include "kernel/types.h"
#include "kernel/riscv.h"

// The longest line vmprint makes, without a newline: three " .." and three
// 18-character numbers with their labels.
#define VMPRINT_LINE 80

// Print pt: a "page table 0x<pt>" line, then one line per valid PTE, depth
// first, each " .." once per level below the root, then
// "0x<va>: pte 0x<pte> pa 0x<pa>", every number as %p prints it (0x and 16
// hex digits). va is the first address the entry maps. emit gets each line
// without its newline.
void vmprint(pagetable_t pt, void (*emit)(const char *line));
