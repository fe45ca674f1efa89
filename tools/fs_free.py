#!/usr/bin/env python3
"""Count the free blocks of a file-system image, as the kernel's balloc would.

usage: fs_free.py [--at-least N] IMAGE...

Reads the superblock (block 1, kernel/fs.h) and counts the clear bits of the
free map over the data blocks. Prints one line per image; with --at-least,
exits 1 if an image has fewer than N free blocks. Every lab's image needs room
for usertests' writebig (MAXFILE blocks and its indirect block) and for the
files a student's tests write.
"""
import struct
import sys

BSIZE = 1024
FSMAGIC = 0x10203040


def free_blocks(path):
    with open(path, "rb") as f:
        image = f.read()
    magic, size, nblocks, _, _, _, _, bmapstart = struct.unpack_from(
        "<8I", image, BSIZE)
    if magic != FSMAGIC:
        raise ValueError(f"{path}: no superblock (magic {magic:#x})")
    free = 0
    for b in range(size - nblocks, size):
        byte = image[bmapstart * BSIZE + b // 8]
        if not byte & (1 << (b % 8)):
            free += 1
    return free, size


def main(argv):
    least = None
    if argv[:1] == ["--at-least"]:
        least, argv = int(argv[1]), argv[2:]
    failed = False
    for path in argv:
        free, size = free_blocks(path)
        short = free < least if least is not None else False
        print(f"{path}: {free} of {size} blocks free" +
              (f", fewer than {least}" if short else ""))
        failed = failed or short
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
