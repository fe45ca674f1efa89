#!/usr/bin/env python3
"""Every lab branch works as a student meets it (meson test --suite class):
makes the branches, checks the whole repository for leaks
(tools/check_handout.py), and in a clone of each branch runs
`meson setup build --cross-file ...`, `ninja -C build`, the unit suite, the
boot test and the lab's own grading (`meson test --suite LAB`, as the
README says), and reads its README and handouts against the configured
build (tools/check_readme.py: every path, option value, ninja target and
test suite they name). The starter must not score full marks. On a lab
whose student writes kernel/mm files, only host tests of kernel/mm may
fail, and some must (the starter is not a solution); on one whose student
writes user code that has no host test (ucow: the user library's fork),
every unit test must pass, the kernel being given whole. The boot test must
pass on a branch whose starter forks (cow: it copies eagerly; ucow: the
kernel's fork is given, only ufork is missing) and fail on one whose
starter cannot (base: no fork, so no shell). Each lab says which in
labs/<lab>/branch/expect (the instructor's); a lab without one has its
unit and boot results reported, not judged. Then, in each,
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

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import check_handout  # noqa: E402
import check_readme  # noqa: E402



def expectations(src, lab):
    """labs/<lab>/branch/expect: `boots yes|no`, and `unit passes` or
    `unit fails PREFIX...` (the unit tests that fail on the starter: each
    is named by one of the prefixes, and each prefix names one that
    fails). {} if the lab has none: its results are reported, not judged."""
    path = os.path.join(src, "labs", lab, "branch", "expect")
    if not os.path.isfile(path):
        return {}
    want = {}
    for n, line in enumerate(open(path), 1):
        w = line.split("#")[0].split()
        if w[:1] == ["boots"] and len(w) == 2 and w[1] in ("yes", "no"):
            want["boots"] = w[1] == "yes"
        elif w[:2] == ["unit", "passes"] and len(w) == 2:
            want["unit"] = None
        elif w[:2] == ["unit", "fails"] and len(w) >= 3:
            want["unit"] = w[2:]
        elif w:
            sys.exit(f"{path}:{n}: expected 'boots yes|no', 'unit passes' or 'unit fails PREFIX...'")
    return want


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


def grade_starter(tree, lab, failures):
    """The lab's grading as the student runs it; the starter must not
    score full marks. Returns (score, max)."""
    subprocess.run(["meson", "test", "-C", "build", "--suite", lab], cwd=tree,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    path = os.path.join(tree, "build", f"grade-{lab}.json")
    if not os.path.isfile(path):
        failures.append(f"{lab}: meson test --suite {lab} wrote no build/grade-{lab}.json")
        return None
    with open(path) as f:
        res = json.load(f)
    score = res.get("score", 0)
    top = res.get("max_score", sum(t.get("max_score", 0) for t in res.get("tests", [])))
    print(f"{lab}: the starter scores {score:g} of {top:g} ({100 * score / max(top, 1):.0f}%)")
    if top == 0 or score >= top:
        failures.append(f"{lab}: the starter should not score full marks ({score:g}/{top:g})")
    return score, top


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
        leaks = check_handout.check_repo(check_handout.Course(program, src), src, repo)
        print(f"the repository of {len(branches)} branches: {len(leaks)} leaks")
        failures += [f"LEAK: {l}" for l in leaks]
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
            want = expectations(src, b)
            if not want:
                print(f"{b}: no labs/{b}/branch/expect: unit and boot results reported, not judged")
            unit = failed_tests(build, "unit")
            print(f"{b}: unit tests failing on the starter: {', '.join(sorted(unit)) or 'none'}")
            if "unit" in want and want["unit"] is None and unit:
                failures.append(f"{b}: the starter should pass every unit test")
            elif want.get("unit"):
                prefixes = tuple(want["unit"])
                stray = sorted(n for n in unit if not n.startswith(prefixes))
                passing = [p for p in prefixes if not any(n.startswith(p) for n in unit)]
                if stray or passing:
                    failures.append(f"{b}: the starter should fail the unit tests "
                                    f"{', '.join(p + '*' for p in prefixes)} and only those "
                                    f"(failed too: {stray}; passed: {passing})")
            boots = not failed_tests(build, "boot")
            print(f"{b}: the starter {'boots to a shell' if boots else 'does not boot to a shell'}")
            if "boots" in want and boots != want["boots"]:
                failures.append(f"{b}: the boot test should {'pass' if want['boots'] else 'fail'}")
            docs = check_readme.check_tree(tree, build, failures)
            print(f"{b}: read {', '.join(docs)} against the configured build")
            grade_starter(tree, b, failures)
            check_submission(tree, b, program, failures)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    for f in failures:
        print("FAIL:", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
