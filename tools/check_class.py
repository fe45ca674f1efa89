#!/usr/bin/env python3
"""The class grader end to end (meson test --suite class): makes the lab
branches, grades a batch of cow submissions on the cow branch with
grade-class --jobs 2, and runs a Gradescope bundle's run_autograder in a
temporary root. It checks that the solution scores full marks; that a copy
of it which also edits the rubric and a test program (and holds a symlink)
scores the same; that the starter fails the copy-on-write checks and passes
the rest; that each broken-on-purpose sibling fails at least the checks
labs/cow/variants says it fails; that a submission that does not compile
scores 0 with its errors; and that results.json has Gradescope's fields and
scores that add up.

    check_class.py SOURCE HANDOUT_SH GRADESCOPE_SH MANIFEST_PROGRAM
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

STUDENT_FILES = ["kernel/mm/fork/cow.c", "kernel/mm/cow.c", "kernel/mm/refcount/lock.c",
                 "kernel/mm/uaccess/simulate.c"]
SIBLING_FILE = {"fork": "kernel/mm/fork/cow.c", "refcount": "kernel/mm/refcount/lock.c",
                "uaccess": "kernel/mm/uaccess/simulate.c"}
failures = []


def check(ok, what):
    print(("ok: " if ok else "FAIL: ") + what)
    if not ok:
        failures.append(what)


def submission(base, name, src, files):
    d = os.path.join(base, name)
    for rel, text in files.items():
        os.makedirs(os.path.dirname(os.path.join(d, rel)), exist_ok=True)
        with open(os.path.join(d, rel), "w") as f:
            f.write(text)
    return d


def read(path):
    with open(path) as f:
        return f.read()


def broken_rows(src):
    """(sibling mechanism, sibling, checks that must fail) of each broken row."""
    rows = []
    for line in read(os.path.join(src, "labs/cow/variants")).splitlines():
        words = line.split("#")[0].split()
        # `fail:` and not `may fail:`: a check left open promises nothing.
        at = [i for i, w in enumerate(words) if w == "fail:" and words[i - 1] != "may"]
        if "broken" not in words or not at:
            continue
        opts = dict(w[2:].split("=") for w in words if w.startswith("-D"))
        odd = [(m, s) for m, s in opts.items() if s not in ("cow", "lock", "simulate")]
        fails = words[at[0] + 1:]
        if "may" in fails:
            fails = fails[:fails.index("may")]
        rows.append((odd[0][0], odd[0][1], fails))
    return rows


def main():
    src, handout_sh, gradescope_sh, program = sys.argv[1:5]
    tmp = tempfile.mkdtemp(prefix="rvlab-class-")
    try:
        branches = os.path.join(tmp, "branches")
        subprocess.run([handout_sh, program, src, branches], check=True, stdout=subprocess.DEVNULL)
        tree = os.path.join(tmp, "cow")
        subprocess.run(["git", "-C", branches, "worktree", "add", "-q", tree, "cow"], check=True)
        build = os.path.join(tree, "build")
        subprocess.run(["meson", "setup", build, tree, "--cross-file",
                        os.path.join(tree, "cross/riscv64-unknown-elf.ini")], check=True,
                       stdout=subprocess.DEVNULL)
        subprocess.run(["ninja", "-C", build, "fs.img", "grader/class/grade-class"], check=True,
                       stdout=subprocess.DEVNULL)

        subs = os.path.join(tmp, "subs")
        solution = {f: read(os.path.join(src, f)) for f in STUDENT_FILES}
        submission(subs, "solution", src, solution)
        submission(subs, "starter", src, {f: read(os.path.join(tree, f)) for f in STUDENT_FILES})
        sneaky = submission(subs, "sneaky", src, dict(solution, **{
            "labs/cow/rubric": "run x timeout 5\n    $ echo hi\ncheck free 1000 points\n"
                               "    expect: hi\n",
            "user/cowtest.c": "int main(void) { return 0; }\n"}))
        os.symlink("/etc/passwd", os.path.join(sneaky, "kernel/mm/vm.c"))
        submission(subs, "nocompile", src, dict(solution, **{
            "kernel/mm/cow.c": solution["kernel/mm/cow.c"] + "int cow_oops(void) { return x; }\n"}))
        rows = broken_rows(src)
        for mech, sibling, _ in rows:
            text = read(os.path.join(src, "kernel/mm", mech, sibling + ".c"))
            submission(subs, "broken-" + sibling, src, dict(solution, **{SIBLING_FILE[mech]: text}))

        out = os.path.join(tmp, "grades")
        start = time.time()
        subprocess.run([os.path.join(build, "grader/class/grade-class"), "--lab", "cow",
                        "--source", tree, "--pristine", build, "--out", out, "--jobs", "2",
                        "--class", subs], check=True)
        print(f"batch of {len(os.listdir(subs))} with --jobs 2: {time.time() - start:.0f} s")
        res = {n: json.load(open(os.path.join(out, "students", n, "results.json")))
               for n in os.listdir(subs)}
        for n, r in sorted(res.items()):
            print(f"  {n}: {r['score']:g}/{r['max_score']:g} in {r.get('execution_time', 0):.0f} s")
        failed = {n: {t["name"] for t in r["tests"] if t["status"] != "passed"}
                  for n, r in res.items()}
        sol = res["solution"]
        check(sol["score"] == sol["max_score"], "the solution scores full marks")
        check(res["sneaky"]["score"] == sol["score"] and
              [t["name"] for t in res["sneaky"]["tests"]] == [t["name"] for t in sol["tests"]],
              "editing the rubric and a test program changes nothing")
        check("ignored: labs/cow/rubric" in res["sneaky"]["output"] and
              "ignored: kernel/mm/vm.c" in res["sneaky"]["output"],
              "the files a submission may not change are listed as ignored")
        cowtest = {t["name"] for t in sol["tests"] if t["name"].startswith("cow-")}
        check(failed["starter"] == cowtest and res["starter"]["score"] <= 0.2 * sol["score"],
              "the starter fails every cowtest check (the rest depend on cow-simple), passes "
              "usertests, and earns at most a fifth of the points")
        check(res["nocompile"]["score"] == 0 and "error:" in res["nocompile"]["output"],
              "a submission that does not compile scores 0 with its errors")
        for _, sibling, fails in rows:
            want = {t["name"] for t in sol["tests"]} if fails == ["all"] else set(fails)
            check(want <= failed["broken-" + sibling],
                  f"broken sibling {sibling} fails {' '.join(fails)}")
        csv = read(os.path.join(out, "grades.csv")).splitlines()
        check(len(csv) == len(res) + 1 and csv[0].startswith("student,score,max,cow-simple"),
              "grades.csv has a header and a line per student")

        # Gradescope: the bundle's run_autograder in a root of our own.
        bundles = os.path.join(tmp, "gradescope")
        subprocess.run([gradescope_sh, program, src, bundles], check=True,
                       stdout=subprocess.DEVNULL)
        root = os.path.join(tmp, "autograder")
        os.makedirs(os.path.join(root, "submission"))
        subprocess.run(["unzip", "-q", os.path.join(bundles, "cow/autograder.zip"), "-d",
                        os.path.join(root, "source")], check=True)
        for f in STUDENT_FILES:
            dest = os.path.join(root, "submission", f)
            os.makedirs(os.path.dirname(dest), exist_ok=True)
            shutil.copy(os.path.join(src, f), dest)
        start = time.time()
        subprocess.run([os.path.join(root, "source/run_autograder")], check=True,
                       env=dict(os.environ, RVLAB_AUTOGRADER_ROOT=root))
        print(f"run_autograder from a clean start: {time.time() - start:.0f} s")
        r = json.load(open(os.path.join(root, "results/results.json")))
        check(all(k in r for k in ("score", "execution_time", "output", "stdout_visibility",
                                   "tests")), "results.json has the top-level fields")
        check(all(all(k in t for k in ("name", "score", "max_score", "status", "output",
                                       "visibility")) for t in r["tests"]),
              "every test has name, score, max_score, status, output and visibility")
        check(abs(sum(t["score"] for t in r["tests"]) - r["score"]) < 1e-9 and
              r["score"] == sum(t["max_score"] for t in r["tests"]),
              "the tests' scores add up to the score, full marks for the solution")
    finally:
        subprocess.run(["chmod", "-R", "u+w", tmp])
        shutil.rmtree(tmp, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
