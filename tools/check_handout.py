#!/usr/bin/env python3
"""The lab branches give no solution away: makes them with tools/handout.sh
into a temporary directory and checks, for every branch, that each file its
manifest withholds is absent, each file the student writes is its starter and
each replaced file its replacement, and that no file of the branch holds a
distinctive line of a solution. A solution is the instructor's version of a
file the student writes or the branch replaces, or a withheld kernel or user
source (kernel/, user/); its distinctive lines are those (of some length,
not comments or includes, with a trailing ';' or '{' dropped so a prototype
matches its definition) found neither in its own starter nor in any file
the branch carries as the instructor's tree has it. A withheld sibling's
lines found in any starter are not distinctive either: a starter may begin
where a broken sibling stops.

    check_handout.py HANDOUT_SH MANIFEST_PROGRAM SOURCE
"""
import os
import subprocess
import sys
import tempfile


def lines_of(data):
    return {l.strip().rstrip(";{").strip() for l in data.decode(errors="replace").splitlines()}


def distinctive(line):
    return len(line) >= 16 and not line.startswith(("//", "/*", "*", "#include", "#"))


def branch_files(repo, branch):
    names = subprocess.run(["git", "-C", repo, "ls-tree", "-r", "-z", "--name-only", branch],
                           check=True, capture_output=True).stdout.split(b"\0")
    files = {}
    for n in filter(None, names):
        name = n.decode()
        files[name] = subprocess.run(["git", "-C", repo, "show", f"{branch}:{name}"],
                                     check=True, capture_output=True).stdout
    return files


def read(path):
    with open(path, "rb") as f:
        return f.read()


def main():
    handout_sh, program, src = sys.argv[1:4]
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        repo = os.path.join(tmp, "branches")
        subprocess.run([handout_sh, program, src, repo], check=True, stdout=subprocess.DEVNULL)
        for lab in sorted(os.listdir(os.path.join(src, "labs"))):
            manifest = os.path.join(src, "labs", lab, "handout")
            if not os.path.isfile(manifest):
                continue
            directives = subprocess.run([program, manifest], check=True, capture_output=True,
                                        text=True).stdout.split("\n")
            files = branch_files(repo, lab)
            solutions = {}  # path: (instructor's text, its starter, or None if withheld)
            starters = set()
            for d in directives:
                w = d.split()
                if not w:
                    continue
                if w[0] == "withhold":
                    for f in files:
                        if f == w[1] or f.startswith(w[1] + "/"):
                            failures.append(f"{lab}: {f} is withheld but in the branch")
                    top = os.path.join(src, w[1])
                    walk = [(top, [], [""])] if os.path.isfile(top) else os.walk(top)
                    for root, _, names in walk:
                        for n in names:
                            p = os.path.join(root, n) if n else root
                            rel = os.path.relpath(p, src)
                            if rel.startswith(("kernel/", "user/")) and rel.endswith((".c", ".h", ".S")):
                                solutions[rel] = (read(p), None)
                elif w[0] in ("write", "replace"):
                    given = os.path.join(src, "labs", lab, "starter", w[1]) if w[0] == "write" \
                        else os.path.join(src, w[3])
                    if files.get(w[1]) != read(given):
                        failures.append(f"{lab}: {w[1]} is not {os.path.relpath(given, src)}")
                    starters |= lines_of(read(given))
                    if os.path.isfile(os.path.join(src, w[1])):
                        solutions[w[1]] = (read(os.path.join(src, w[1])), read(given))
            carried = set()
            for f, data in files.items():
                theirs = os.path.join(src, f)
                if f not in solutions and os.path.isfile(theirs) and read(theirs) == data:
                    carried |= lines_of(data)
            for sol, (text, starter) in sorted(solutions.items()):
                given = starters if starter is None else lines_of(starter)
                secret = {l for l in lines_of(text) - given - carried if distinctive(l)}
                for f, data in files.items():
                    for l in sorted(secret & lines_of(data)):
                        failures.append(f"{lab}: {f} holds a line of {sol}'s solution: {l}")
            print(f"{lab}: {len(files)} files, {len(solutions)} solutions checked")
    for f in failures:
        print("LEAK:", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
