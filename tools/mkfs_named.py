#!/usr/bin/env python3
"""Run mkfs with some files under other names in the image.

usage: mkfs_named.py MKFS IMAGE FILE... NAME=PATH...

mkfs names a file in the image after its basename; a NAME=PATH argument
puts PATH in the image as NAME, through a symbolic link in a temporary
directory. The ucow lab needs it: each ufork variant links its own
forktree (build/user/forktree-parentfirst, ...), and every image must call
it forktree.
"""
import os
import subprocess
import sys
import tempfile

mkfs, image, args = sys.argv[1], sys.argv[2], sys.argv[3:]
with tempfile.TemporaryDirectory() as tmp:
    files = []
    for a in args:
        if "=" in a:
            name, path = a.split("=", 1)
            link = os.path.join(tmp, name)
            os.symlink(os.path.abspath(path), link)
            files.append(link)
        else:
            files.append(a)
    sys.exit(subprocess.run([mkfs, image] + files).returncode)
