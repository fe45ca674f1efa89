#!/usr/bin/env python3
"""Worst-case stack depth of each function of a library, from GCC's call graphs.

usage: stack_depth.py [--limit FUNC=BYTES]... [--show N] DIR...

Reads every .ci file under the DIRs (what `gcc -fcallgraph-info=su` writes
beside each object) and adds each function's own frame to the deepest chain
of calls below it. Calls to functions with no frame of their own (the
system-call stubs of usys.S) count 0 bytes. Prints the N deepest functions
with their chains, and exits 1 if a function named by --limit needs more
than its limit, or if the graph has a cycle or a frame GCC could not size
(a recursion or alloca would make the number meaningless).
"""
import os
import re
import sys

NODE = re.compile(r'node: \{ title: "([^"]+)" label: "([^"]*)"')
EDGE = re.compile(r'edge: \{ sourcename: "([^"]+)" targetname: "([^"]+)"')
FRAME = re.compile(r'\\n(\d+) bytes \((static|dynamic[^)]*)\)')


def short(title):
    return title.rsplit(":", 1)[-1]


def read_graph(dirs):
    frames, calls, unsized = {}, {}, []
    for d in dirs:
        for root, _, names in os.walk(d):
            for name in names:
                if not name.endswith(".ci"):
                    continue
                with open(os.path.join(root, name)) as f:
                    for line in f:
                        m = NODE.search(line)
                        if m:
                            fm = FRAME.search(m.group(2))
                            if fm:
                                frames[m.group(1)] = int(fm.group(1))
                                if fm.group(2) != "static":
                                    unsized.append(m.group(1))
                            continue
                        m = EDGE.search(line)
                        if m:
                            calls.setdefault(m.group(1), set()).add(m.group(2))
    return frames, calls, unsized


def depth(fn, frames, calls, memo, active):
    if fn in memo:
        return memo[fn]
    if fn in active:
        raise RecursionError(fn)
    active.add(fn)
    best, chain = 0, []
    for callee in calls.get(fn, ()):
        d, c = depth(callee, frames, calls, memo, active)
        if d > best:
            best, chain = d, c
    active.discard(fn)
    memo[fn] = (frames.get(fn, 0) + best, [fn] + chain)
    return memo[fn]


def main(argv):
    limits, show, dirs = {}, 10, []
    i = 0
    while i < len(argv):
        if argv[i] == "--limit":
            name, _, n = argv[i + 1].partition("=")
            limits[name] = int(n)
            i += 2
        elif argv[i] == "--show":
            show = int(argv[i + 1])
            i += 2
        else:
            dirs.append(argv[i])
            i += 1
    frames, calls, unsized = read_graph(dirs)
    if not frames:
        sys.exit("stack_depth: no .ci files with frames under " + " ".join(dirs))
    memo, failed = {}, False
    for fn in frames:
        try:
            depth(fn, frames, calls, memo, set())
        except RecursionError as e:
            print(f"stack_depth: {short(fn)} reaches a cycle at {short(str(e))}")
            failed = True
    for fn in unsized:
        print(f"stack_depth: {short(fn)} has a frame of unknown size")
        failed = True
    # Only functions callable from outside (titles without a file prefix).
    public = sorted((memo[f][0], short(f), memo[f][1]) for f in memo
                    if f in frames and "/" not in f)
    for d, name, chain in reversed(public[-show:]):
        path = " -> ".join(f"{short(c)} {frames.get(c, 0)}" for c in chain)
        print(f"{d:5d} {name}: {path}")
    by_name = {name: d for d, name, _ in public}
    for name, limit in limits.items():
        if name not in by_name:
            print(f"stack_depth: no function {name}")
            failed = True
        elif by_name[name] > limit:
            print(f"stack_depth: {name} needs {by_name[name]} bytes, more than {limit}")
            failed = True
        else:
            print(f"stack_depth: {name} needs {by_name[name]} bytes, within {limit}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
