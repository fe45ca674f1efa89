#!/usr/bin/env python3
"""Check the kernel's includes against the dependency map.

docs/architecture.md has a table with one row per part of the kernel
(`kernel/mm/`, `kernel/main.c`, ...) and a "may use" column. In that column,
each name in backticks that holds a slash is a part the row may include from:
a directory (`lib/`) or one header (`dev/console.h`), under kernel/. Every
part may also include the ABI headers (kernel/*.h) and its own files.

This reads that table and every `#include "kernel/..."` in kernel/**/*.c, *.h
and *.S (host tests under tests/ excepted), and fails, naming the file, the
include and the table row, for each include the table does not allow.

Usage: check_layers.py [SOURCE_ROOT]   (default: the tree this file is in)
"""
import re
import sys
from pathlib import Path

INCLUDE = re.compile(r'^\s*#\s*include\s+"kernel/([^"]+)"')
TICKED = re.compile(r"`([^`]+)`")
ABI_ROW = "kernel/*.h"


def read_table(doc):
    """The kernel rows of the table: {row name: [allowed part, ...]}."""
    rows = {}
    header_seen = False
    for line in doc.read_text().splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 3 or not line.lstrip().startswith("|"):
            continue
        if cells[2] == "may use":
            header_seen = True
            continue
        if not header_seen:
            continue
        names = TICKED.findall(cells[0])
        if not names or not names[0].startswith("kernel/"):
            continue  # user/, tools/, grader/...: not checked here
        rows[names[0]] = [t for t in TICKED.findall(cells[2]) if "/" in t]
    return rows


def row_of(rel, rows):
    """The table row that a file (path relative to kernel/) belongs to."""
    parts = rel.split("/")
    if len(parts) == 1:
        name = "kernel/main.c" if rel == "main.c" else ABI_ROW
    else:
        name = "kernel/" + parts[0] + "/"
    return name if name in rows else None


def allowed(inc, row, allows):
    if "/" not in inc:
        return True  # an ABI header
    if row != ABI_ROW and row.endswith("/") and ("kernel/" + inc).startswith(row):
        return True  # the part's own files
    for a in allows:
        if a.endswith("/") and inc.startswith(a):
            return True
        if inc == a:
            return True
    return False


def main():
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent
    doc = root / "docs" / "architecture.md"
    rows = read_table(doc)
    if not rows:
        print(f"{doc}: no 'may use' table with kernel rows found")
        return 1

    kernel = root / "kernel"
    problems = []
    nfiles = 0
    for path in sorted(kernel.rglob("*")):
        rel = path.relative_to(kernel).as_posix()
        if path.suffix not in (".c", ".h", ".S") or "tests" in rel.split("/"):
            continue
        nfiles += 1
        row = row_of(rel, rows)
        if row is None:
            problems.append(f"kernel/{rel}: no row of the table in {doc.name} covers this file")
            continue
        for lineno, line in enumerate(path.read_text().splitlines(), 1):
            m = INCLUDE.match(line)
            if m and not allowed(m.group(1), row, rows[row]):
                may = ", ".join(rows[row]) if rows[row] else "only the ABI headers and itself"
                problems.append(
                    f'kernel/{rel}:{lineno}: #include "kernel/{m.group(1)}" is not allowed '
                    f"by the row `{row}` of {doc.name} (may use: {may})"
                )

    for p in problems:
        print(p)
    if problems:
        print(f"check_layers: {len(problems)} include(s) the dependency map does not allow")
        return 1
    print(f"check_layers: {nfiles} files, every include allowed by {len(rows)} table rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
