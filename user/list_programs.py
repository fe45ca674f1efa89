#!/usr/bin/env python3
"""Print the .c files of a directory, one absolute path per line, sorted.

Meson has no glob by design; -Dextra_programs uses this at configure time.
"""
import pathlib
import sys

d = pathlib.Path(sys.argv[1]).expanduser().resolve()
if not d.is_dir():
    sys.exit(f"extra_programs: {d} is not a directory")
for f in sorted(d.glob("*.c")):
    print(f)
