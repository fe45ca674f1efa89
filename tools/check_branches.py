#!/usr/bin/env python3
"""Every lab branch builds with the plain Meson commands and its starter
fails honestly (meson test --suite class): makes the branches, and in each
runs `meson setup build --cross-file ...`, `ninja -C build`, the unit suite
and the boot test. On a lab whose student writes kernel/mm files, only
host tests of kernel/mm may fail, and some must (the starter is not a
solution); on traps, only the backtrace walk's; on syscall, only the
trace tests; on one whose student writes user code that has no host test
on the branch (util, and ucow: the user library's fork), every unit test
must pass, the kernel being given whole. The boot test must pass on a branch whose starter forks
(cow: it copies eagerly; ucow: the kernel's fork is given, only ufork is
missing) and fail on one whose starter cannot (base: no fork, so no shell). Then, in each,
`ninja -C build submission` after editing a student's file and the rubric
must pack just the student's files and SUBMISSION, and warn about the rubric.

    check_branches.py HANDOUT_SH MANIFEST_PROGRAM SOURCE
"""
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile

BOOTS = {"util": True, "syscall": True, "base": False, "pgtbl": True, "cow": True, "ucow": True,
         "traps": True}
# The host tests a lab's starter must fail some of, and only those, by the
# start of their names: kernel/mm's, unless the student's files are elsewhere
# (traps: the backtrace walk of kernel/lib; its alarm code has no host test;
# syscall: the trace sibling's tests).
STARTER_FAILS = {"traps": ("backtrace",), "syscall": ("proc_trace_",)}
# Labs whose starter has no host test to fail: every unit test must pass.
UNIT_PASSES = {"util", "ucow"}


def failed_tests(build, suite):
    subprocess.run(["meson", "test", "-C", build, "--suite", suite], stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    log = os.path.join(build, "meson-logs/testlog.json")
    results = [json.loads(l) for l in open(log) if l.strip()]
    # Names read "rvlab:unit / mm_fork (...)": the project and suite first.
    return {r["name"].split(" / ", 1)[-1] for r in results
            if r["result"] not in ("OK", "EXPECTEDFAIL", "SKIP")}


def check_submission(tree, lab, program, failures):
    writes = [l.split()[1] for l in subprocess.run(
        [program, os.path.join(tree, "labs", lab, "handout")], check=True, capture_output=True,
        text=True).stdout.splitlines() if l.startswith("write ")]
    with open(os.path.join(tree, writes[0]), "a") as f:
        f.write("// the student was here\n")
    with open(os.path.join(tree, "labs", lab, "rubric"), "a") as f:
        f.write("# and here\n")
    run = subprocess.run(["ninja", "-C", "build", "submission"], cwd=tree, capture_output=True,
                         text=True)
    with tarfile.open(os.path.join(tree, "build/submission.tar.gz")) as t:
        names = sorted(t.getnames())
        manifest = t.extractfile("SUBMISSION").read().decode()
    print(f"{lab}: submission.tar.gz holds {', '.join(names)}")
    if names != sorted(writes + ["SUBMISSION"]) or f"lab {lab}" not in manifest:
        failures.append(f"{lab}: the submission should hold SUBMISSION and {' '.join(writes)}")
    warned = f"you changed labs/{lab}/rubric" in run.stdout + run.stderr
    if not warned or f"you changed {writes[0]}" in run.stdout + run.stderr:
        failures.append(f"{lab}: ninja submission should warn about the rubric, only")


def main():
    handout_sh, program, src = sys.argv[1:4]
    failures = []
    tmp = tempfile.mkdtemp(prefix="rvlab-branches-")
    try:
        repo = os.path.join(tmp, "branches")
        subprocess.run([handout_sh, program, src, repo], check=True, stdout=subprocess.DEVNULL)
        branches = subprocess.run(["git", "-C", repo, "for-each-ref", "--format=%(refname:short)",
                                   "refs/heads"], check=True, capture_output=True,
                                  text=True).stdout.split()
        for b in branches:
            tree = os.path.join(tmp, b)
            # As a student gets it: a clone of the one branch.
            subprocess.run(["git", "clone", "-q", "-b", b, repo, tree], check=True)
            build = os.path.join(tree, "build")
            ok = subprocess.run(["meson", "setup", "build", "--cross-file",
                                 "cross/riscv64-unknown-elf.ini"], cwd=tree,
                                stdout=subprocess.DEVNULL).returncode == 0 and \
                subprocess.run(["ninja", "-C", "build"], cwd=tree,
                               stdout=subprocess.DEVNULL).returncode == 0
            print(f"{b}: {'builds' if ok else 'DOES NOT BUILD'}")
            if not ok:
                failures.append(f"{b} does not build")
                continue
            unit = failed_tests(build, "unit")
            print(f"{b}: unit tests failing on the starter: {', '.join(sorted(unit)) or 'none'}")
            if b in UNIT_PASSES:
                if unit:
                    failures.append(f"{b}: the starter should pass every unit test")
            elif not unit or any(not n.startswith(STARTER_FAILS.get(b, ("mm_",))) for n in unit):
                failures.append(f"{b}: the starter should fail some of its host tests "
                                f"({', '.join(STARTER_FAILS.get(b, ('mm_',)))}...), only")
            if b in BOOTS:
                boots = not failed_tests(build, "boot")
                print(f"{b}: the starter {'boots to a shell' if boots else 'does not boot to a shell'}")
                if boots != BOOTS[b]:
                    failures.append(f"{b}: the boot test should {'pass' if BOOTS[b] else 'fail'}")
            check_submission(tree, b, program, failures)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    for f in failures:
        print("FAIL:", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
