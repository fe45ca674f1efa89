// Reading the flattened device tree (the Devicetree Specification's DTB
// format) that QEMU hands the kernel at boot: only what the kernel asks of
// it, where RAM is. Pure parsing: compiles on the host for tests.
#pragma once

#include "kernel/types.h"

// The first range of the /memory node's "reg" property in the blob at dtb,
// at most maxlen bytes long, as *base and *size. 0, or -1 if the blob is not
// a device tree or has no such node (the caller falls back on what the build
// configured). reg is read as two address cells and two size cells, which
// is what the root node of QEMU's virt machine declares.
int fdt_memory(const void *dtb, uint64 maxlen, uint64 *base, uint64 *size);
