#!/usr/bin/env python3
"""Run mkfs with some files under other names in the image.

usage: mkfs_named.py [--strip STRIP] MKFS [--MKFS-OPTION...] IMAGE FILE... NAME=PATH...

mkfs names a file in the image after its basename; a NAME=PATH argument
puts PATH in the image as NAME, through a file in a temporary directory.
The ucow lab needs it: each ufork variant links its own forktree
(build/user/forktree-parentfirst, ...), and every image must call it
forktree. With --strip, each NAME=PATH file goes in without its debug
information (STRIP --strip-debug), the build keeping the full one for GDB;
the build passes every program that way, so that every image keeps room.
"""
import os
import subprocess
import sys
import tempfile

args = sys.argv[1:]
strip = None
if args[:1] == ["--strip"]:
    strip, args = args[1], args[2:]
mkfs, args = args[0], args[1:]
mkfs_options = []
while args and args[0].startswith("--"):
    mkfs_options, args = mkfs_options + [args[0]], args[1:]
image, args = args[0], args[1:]
with tempfile.TemporaryDirectory() as tmp:
    files = []
    for a in args:
        if "=" not in a:
            files.append(a)
            continue
        name, path = a.split("=", 1)
        dest = os.path.join(tmp, name)
        if strip:
            subprocess.run([strip, "--strip-debug", "-o", dest, path], check=True)
        else:
            os.symlink(os.path.abspath(path), dest)
        files.append(dest)
    sys.exit(subprocess.run([mkfs] + mkfs_options + [image] + files).returncode)
