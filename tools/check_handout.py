#!/usr/bin/env python3
"""No branch gives a solution away, checked over the whole repository of
branches at once, as docs/teaching.md says to publish them. For every branch
B, against the instructor's tree:

- no file B holds is withheld, by any lab's manifest or by labs/instructor;
- each file B's students write is B's starter, and each file B's manifest
  calls its own is there;
- no file another lab's students write is that lab's solution, unless the
  course order (labs/course) puts that lab before B;
- no file of B holds a distinctive line of such a solution, or of a kernel
  or user source B does not hold (a withheld sibling). Distinctive lines are
  those of some length, not comments or includes, with a trailing ';' or '{'
  dropped so a prototype matches its definition, found neither in the
  solution's starter nor in any file B carries as the instructor's tree has
  it; a withheld sibling's lines found in a starter B holds are not
  distinctive either (a starter may begin where a broken sibling stops).

The check reads the branches, not the manifests' promises: it learns from
the course only who writes which file and in which order the labs come.

    check_handout.py HANDOUT_SH MANIFEST_PROGRAM SOURCE
        make the branches in a temporary directory, check them, then plant
        leaks in them one at a time and check that each is caught; and read
        every branch's README and handouts (tools/check_readme.py)
    check_handout.py --repo REPO [--order LAB,LAB...] MANIFEST_PROGRAM SOURCE
        check the branches of REPO; --order stands in for labs/course's order
"""
import fnmatch
import os
import shutil
import subprocess
import sys
import tempfile


def lines_of(data):
    return {l.strip().rstrip(";{").strip() for l in data.decode(errors="replace").splitlines()}


def distinctive(line):
    return len(line) >= 16 and not line.startswith(("//", "/*", "*", "#include", "#"))


def git(repo, *args):
    return subprocess.run(["git", "-C", repo, *args], check=True, capture_output=True).stdout


def branch_files(repo, branch):
    files = {}
    for n in filter(None, git(repo, "ls-tree", "-r", "-z", "--name-only", branch).split(b"\0")):
        name = n.decode()
        files[name] = git(repo, "show", f"{branch}:{name}")
    return files


def read(path):
    with open(path, "rb") as f:
        return f.read()


class Course:
    """Who writes what and in which order, and what every branch withholds."""

    def __init__(self, program, src, order=None):
        out = subprocess.run([program, "--course", src], check=True, capture_output=True,
                             text=True).stdout.splitlines()
        words = [l.split() for l in out if l.strip()]
        self.order = order or [w[1] for w in words if w[0] == "lab"]
        self.writes = {}  # path: lab
        for w in words:
            if w[0] == "write":
                self.writes[w[2]] = w[1]
        self.withheld = []  # (pattern, who)
        self.own = {}  # lab: the paths its manifest calls its own
        for lab in [w[1] for w in words if w[0] == "lab" and w[2] == "branch"]:
            manifest = os.path.join(src, "labs", lab, "handout")
            self.own[lab] = []
            for l in subprocess.run([program, manifest], check=True, capture_output=True,
                                    text=True).stdout.splitlines():
                if l.startswith("withhold "):
                    self.withheld.append((l.split()[1], f"labs/{lab}/handout"))
                if l.startswith("own "):
                    self.own[lab].append(l.split()[1])
        for l in open(os.path.join(src, "labs", "instructor")):
            w = l.split("#")[0].split()
            if w[:1] == ["withhold"]:
                self.withheld.append((w[1], "labs/instructor"))

    def earlier(self, lab, branch):
        return lab in self.order and self.order.index(lab) < self.order.index(branch)


def takes(pattern, path):
    p, f = pattern.split("/"), path.split("/")
    return len(f) >= len(p) and all(fnmatch.fnmatchcase(a, b) for b, a in zip(p, f))


def check_branch(course, src, repo, b, failures):
    files = branch_files(repo, b)
    if b not in course.order:
        failures.append(f"{b}: a branch of no lab of the course")
        return
    for f in files:
        for pattern, who in course.withheld:
            if takes(pattern, f):
                failures.append(f"{b}: {f} is withheld by {who} but in the branch")
    for own in course.own.get(b, []):
        if os.path.exists(os.path.join(src, own)) and not any(takes(own, f) for f in files):
            failures.append(f"{b}: {own} is the lab's own, but not in its branch")
    solutions = {}  # path: (instructor's text, lines not secret by themselves)
    starters = set()
    for path, lab in course.writes.items():
        starter = read(os.path.join(src, "labs", lab, "starter", path))
        if files.get(path) == starter:
            starters |= lines_of(starter)
        if lab == b and files.get(path) != starter:
            failures.append(f"{b}: {path} is not labs/{b}/starter/{path}")
        if course.earlier(lab, b) or not os.path.isfile(os.path.join(src, path)):
            continue
        text = read(os.path.join(src, path))
        if files.get(path) == text:
            failures.append(f"{b}: {path} is lab {lab}'s solution, and labs/course does not "
                            f"put {lab} before {b}")
        solutions[path] = (text, lines_of(starter))
    for d in ("kernel", "user"):
        for root, _, names in os.walk(os.path.join(src, d)):
            for n in names:
                rel = os.path.relpath(os.path.join(root, n), src)
                if rel not in files and rel not in solutions and n.endswith((".c", ".h", ".S")):
                    solutions[rel] = (read(os.path.join(src, rel)), None)
    carried = set()
    for f, data in files.items():
        theirs = os.path.join(src, f)
        if f not in solutions and os.path.isfile(theirs) and read(theirs) == data:
            carried |= lines_of(data)
    for sol, (text, given) in sorted(solutions.items()):
        secret = {l for l in lines_of(text) - (starters if given is None else given) - carried
                  if distinctive(l)}
        for f, data in files.items():
            for l in sorted(secret & lines_of(data)):
                failures.append(f"{b}: {f} holds a line of {sol}'s solution: {l}")
    print(f"{b}: {len(files)} files, {len(solutions)} solutions checked")


def check_repo(course, src, repo):
    """Every branch of repo checked; the list of what leaks."""
    failures = []
    branches = git(repo, "for-each-ref", "--format=%(refname:short)", "refs/heads").decode().split()
    for b in branches:
        check_branch(course, src, repo, b, failures)
    return failures


def plant(repo, branch, path, data):
    """A new commit on branch whose path holds data (None: removed)."""
    tmp = tempfile.mkdtemp()
    try:
        env = dict(os.environ, GIT_INDEX_FILE=os.path.join(tmp, "index"))
        subprocess.run(["git", "-C", repo, "read-tree", branch], check=True, env=env)
        blob = subprocess.run(["git", "-C", repo, "hash-object", "-w", "--stdin"], input=data,
                              check=True, capture_output=True).stdout.decode().strip()
        subprocess.run(["git", "-C", repo, "update-index", "--add", "--cacheinfo",
                        f"100644,{blob},{path}"], check=True, env=env)
        tree = subprocess.run(["git", "-C", repo, "write-tree"], check=True, env=env,
                              capture_output=True, text=True).stdout.strip()
        commit = subprocess.run(["git", "-C", repo, "commit-tree", tree, "-p", branch, "-m",
                                 "planted"], check=True, capture_output=True,
                                text=True).stdout.strip()
        subprocess.run(["git", "-C", repo, "update-ref", f"refs/heads/{branch}", commit],
                       check=True)
    finally:
        shutil.rmtree(tmp)


def planted_leaks_are_caught(program, src, repo):
    """Each leak planted alone in a copy of the clean repository, and the
    failure the check must report for it."""
    course = Course(program, src)
    order = course.order
    lock = "kernel/mm/refcount/lock.c"
    cases = []
    if "cow" in order and "base" in order and lock in course.writes:
        cases.append(("base carries cow's refcount/lock.c solution", "base", lock,
                      read(os.path.join(src, lock)), None,
                      f"base: {lock} is lab cow's solution"))
        sol = read(os.path.join(src, "kernel/mm/cow.c"))
        secret = sorted(l for l in lines_of(sol) - lines_of(
            read(os.path.join(src, "labs/cow/starter/kernel/mm/cow.c"))) if distinctive(l))
        cases.append(("a line of cow's mm/cow.c solution hidden in the base branch's README",
                      "base", "README.md", branch_files(repo, "base")["README.md"] +
                      secret[0].encode() + b"\n", None, "base: README.md holds a line of"))
        cases.append(("the cow branch carries a withheld broken sibling", "cow",
                      "kernel/mm/refcount/racy.c", read(os.path.join(src, "kernel/mm/refcount/racy.c")),
                      None, "cow: kernel/mm/refcount/racy.c is withheld by labs/cow/handout"))
    if "ucow" in order and "cow" in order:
        # The ucow branch holds cow's solutions, which only cow's coming
        # first allows: with the order turned round the same branch leaks.
        swapped = [l for l in order if l != "ucow"]
        swapped.insert(swapped.index("cow"), "ucow")
        cases.append(("ucow's branch, as generated, with ucow put before cow", "ucow", None, None,
                      swapped, f"ucow: {lock} is lab cow's solution"))
    failures = []
    for what, branch, path, data, order_override, expect in cases:
        copy = tempfile.mkdtemp()
        try:
            # A bare clone has the same branches, and leaves repo clean.
            subprocess.run(["git", "clone", "-q", "--bare", repo, copy], check=True)
            if path:
                plant(copy, branch, path, data)
            found = check_repo(Course(program, src, order_override), src, copy)
        finally:
            shutil.rmtree(copy)
        caught = [f for f in found if f.startswith(expect)]
        print(f"planted: {what}: {'caught' if caught else 'NOT CAUGHT'} ({len(found)} findings)")
        if not caught:
            failures.append(f"planted leak not caught: {what} (expected '{expect}')")
    if not cases:
        failures.append("no leak to plant: the course has no cow lab")
    return failures


def readmes_are_true(repo, tmp):
    """Every branch's README and handouts name only options and paths it
    holds (tools/check_readme.py; targets and suites need a configured
    build, which the branches suite has)."""
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import check_readme
    failures = []
    for b in git(repo, "for-each-ref", "--format=%(refname:short)", "refs/heads").decode().split():
        tree = os.path.join(tmp, "readme", b)
        os.makedirs(tree)
        archive = subprocess.run(["git", "-C", repo, "archive", b], check=True,
                                 capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", tree], input=archive, check=True)
        docs = check_readme.check_tree(tree, None, failures)
        print(f"{b}: read {', '.join(docs)}")
    # An untrue line planted in the last branch's README must be caught.
    with open(os.path.join(tree, "README.md"), "a") as f:
        f.write("\n    meson configure build -Dfork=nosuchsibling   # see labs/nosuchlab/variants\n")
    planted = []
    check_readme.check_tree(tree, None, planted)
    caught = {w for w in ("-Dfork=nosuchsibling", "labs/nosuchlab/variants")
              if any(w in p for p in planted)}
    print(f"planted: an untrue README line in {b}: caught {len(caught)} of 2")
    if len(caught) != 2:
        failures.append(f"planted: the untrue README line in {b} was not caught: {planted}")
    return failures


def main():
    args = sys.argv[1:]
    if args and args[0] == "--repo":
        repo, args = args[1], args[2:]
        order = None
        if args[0] == "--order":
            order, args = args[1].split(","), args[2:]
        program, src = args
        failures = check_repo(Course(program, src, order), src, repo)
    else:
        handout_sh, program, src = args
        with tempfile.TemporaryDirectory() as tmp:
            repo = os.path.join(tmp, "branches")
            subprocess.run([handout_sh, program, src, repo], check=True, stdout=subprocess.DEVNULL)
            failures = check_repo(Course(program, src), src, repo)
            if not failures:
                failures = planted_leaks_are_caught(program, src, repo)
            failures += readmes_are_true(repo, tmp)
    for f in failures:
        print(f if f.startswith(("UNTRUE", "planted")) else f"LEAK: {f}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
