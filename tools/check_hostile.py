#!/usr/bin/env python3
"""A hostile class batch (meson test --suite hostile): crafted submissions of
the cow lab, made here with Python's tarfile, graded by grade-class as one
batch with --jobs 2 beside a correct submission (issue 18).

Each entry attacks the grading host or the grade: archive tricks (path
traversal, absolute names, symlinks and hard links in and out, devices, a
setuid file, a compression bomb, 40,000 files, a damaged archive, an empty
one), builds that read what they must not (host files, a classmate's file,
an assembler .incbin, a blocking device) or eat time and memory, kernels
that forge verdicts behind a fake shell or flood the console with and
without newlines, and names made to break the class files. It asserts that
every entry gets a results.json under 1 MB whose scores add up and whose
output says what happened, that a canary file and a classmate's file are
never opened (inotify), that nothing is written outside the submission's
own directory (no escaped file, no link, device or setuid bit anywhere in
the output, each tree and build removed), that the CSV is written and
quoted, and that the correct submission scores full marks. Then quick
ones: grade-class exits 1 when it cannot write the CSV, refuses options
out of bounds, and where bwrap cannot make namespaces refuses a class but
grades on with --sandbox if-possible, saying so. A last run
without the sandbox (--no-sandbox) shows that a build blocked on
/dev/ptmx is killed at --build-timeout, every process of it, with the
student's file named. It prints each entry's verdict and result size.

    check_hostile.py SOURCE PRISTINE_BUILD GRADE_CLASS
"""
import csv
import ctypes
import io
import json
import os
import shutil
import stat
import subprocess
import sys
import tarfile
import tempfile
import threading
import time

STUDENT_FILES = ["kernel/mm/fork/cow.c", "kernel/mm/cow.c", "kernel/mm/refcount/lock.c",
                 "kernel/mm/uaccess/simulate.c"]
failures = []


def check(ok, what):
    print(("ok: " if ok else "FAIL: ") + what)
    if not ok:
        failures.append(what)


class OpenWatch:
    """Counts opens and reads of some files (inotify), from any process."""

    def __init__(self, paths):
        self.libc = ctypes.CDLL(None, use_errno=True)
        self.fd = self.libc.inotify_init1(os.O_NONBLOCK)
        self.events = 0
        for p in paths:
            if self.libc.inotify_add_watch(self.fd, p.encode(), 0x20 | 0x1) < 0:  # OPEN|ACCESS
                raise OSError(ctypes.get_errno(), "inotify_add_watch " + p)
        self.stop = False
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    def run(self):
        while not self.stop:
            try:
                data = os.read(self.fd, 4096)
                self.events += len(data) // 16  # struct inotify_event, names empty
            except BlockingIOError:
                time.sleep(0.05)

    def close(self):
        self.stop = True
        self.thread.join()
        os.close(self.fd)
        return self.events


def add(tar, name, data=b"", kind=tarfile.REGTYPE, mode=0o644, link=""):
    info = tarfile.TarInfo(name)
    info.type, info.mode, info.linkname = kind, mode, link
    if kind == tarfile.REGTYPE:
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    else:
        tar.addfile(info)


def archive(path, members):
    with tarfile.open(path, "w:gz") as tar:
        for m in members:
            add(tar, *m)


def kernel_hook(body):
    """kernel/mm/fork/cow.c whose fork runs body first (init's first fork)."""
    return ("#include <stddef.h>\n#include \"kernel/types.h\"\n#include \"kernel/riscv.h\"\n"
            "#include \"kernel/mm/cow.h\"\n#include \"kernel/mm/fork.h\"\n"
            "#include \"kernel/lib/printf.h\"\n#include \"kernel/dev/poweroff.h\"\n"
            "__attribute__((unused)) static void spin(uint64 ticks) { uint64 t = r_time(); while (r_time() - t < ticks) ; }\n"
            "int fork_copy_mm(pagetable_t parent, pagetable_t child, uint64 sz)\n{\n"
            + body + "\n  return cow_share_range(parent, child, sz);\n}\n"
            "int fork_fault(pagetable_t pt, uint64 va, pte_t *pte)\n{\n"
            "  if (pte == NULL || (*pte & PTE_COW) == 0)\n    return -1;\n"
            "  return cow_resolve(pt, va, pte);\n}\n")


FORGED = ["simple: ok", "simple: ok", "three: ok", "three: ok", "three: ok", "file: ok",
          "forkfork: ok", "text: ok", "exec: ok", "sbrk: ok", "kill: ok", "pipe-big: ok",
          "race: ok", "ALL COW TESTS PASSED", "ALL TESTS PASSED"]


def make_corpus(src, subs, canary, classmate, tmp):
    """{file name: (what it is, text its output must hold)}."""
    sol = {f: open(os.path.join(src, f), "rb").read() for f in STUDENT_FILES}
    with_files = lambda **over: [(f, over.get(f, sol[f])) for f in STUDENT_FILES]  # noqa: E731
    corpus = {}

    def entry(name, what, expect, members):
        archive(os.path.join(subs, name), members)
        corpus[name] = (what, expect)

    entry("aaa-good.tar.gz", "the correct submission", "graded: kernel/mm/cow.c", with_files())
    escaped = os.path.join(tmp, "escaped")
    entry("traversal.tar.gz", "path traversal", "ignored: ../../../escaped",
          [("../../../escaped", b"x"), ("kernel/../../../escaped2", b"x")])
    entry("absolute.tar.gz", "absolute names", "no file of yours",
          [(os.path.join(tmp, "absolute-escape"), b"x"), ("/kernel/mm/cow.c", b"x")])
    entry("symlinks.tar.gz", "symlinks out and in, then a file through one", "no file of yours",
          [("kernel/mm/cow.c", b"", tarfile.SYMTYPE, 0o777, canary),
           ("kernel/mm", b"", tarfile.SYMTYPE, 0o777, tmp),
           ("kernel/mm/fork/cow.c", b"", tarfile.SYMTYPE, 0o777, "../../../../../etc/passwd"),
           ("escape-dir", b"", tarfile.SYMTYPE, 0o777, tmp), ("escape-dir/escaped3", b"x")])
    entry("hardlinks.tar.gz", "hard links to a host file and to the canary", "no file of yours",
          [("kernel/mm/cow.c", b"", tarfile.LNKTYPE, 0o644, "/etc/passwd"),
           ("kernel/mm/refcount/lock.c", b"", tarfile.LNKTYPE, 0o644, canary)])
    entry("devices.tar.gz", "device nodes and a fifo", "no file of yours",
          [("kernel/mm/cow.c", b"", tarfile.CHRTYPE, 0o666), ("disk", b"", tarfile.BLKTYPE, 0o666),
           ("fifo", b"", tarfile.FIFOTYPE, 0o666)])
    entry("setuid.tar.gz", "a setuid-root and a setgid file", "no file of yours",
          [("rootshell", b"\x7fELF", tarfile.REGTYPE, 0o4755), ("gid", b"x", tarfile.REGTYPE, 0o2755)])
    with tarfile.open(os.path.join(subs, "bomb.tar.gz"), "w:gz") as tar:
        info = tarfile.TarInfo("kernel/mm/cow.c")
        info.size = 200 << 20

        class Zeros(io.RawIOBase):
            def readable(self):
                return True

            def readinto(self, b):
                b[:] = bytes(len(b))
                return len(b)
        tar.addfile(info, io.BufferedReader(Zeros()))
    corpus["bomb.tar.gz"] = ("a compression bomb (200 MB of zeros)", "unpacks to more than 64 MB")
    entry("junk40k.tar.gz", "40,000 junk files", "more files not named here",
          [(f"junk/{i:05d}.c", b"x") for i in range(40000)])
    with open(os.path.join(subs, "garbage.tar.gz"), "wb") as f:
        f.write(b"this is not gzip data\n" * 10)
    corpus["garbage.tar.gz"] = ("not an archive", "cannot be unpacked: not in gzip format")
    good = open(os.path.join(subs, "aaa-good.tar.gz"), "rb").read()
    with open(os.path.join(subs, "truncated.tar.gz"), "wb") as f:
        f.write(good[:len(good) // 2])
    corpus["truncated.tar.gz"] = ("a truncated archive", "cannot be unpacked")
    entry("empty.tar.gz", "an empty archive", "no file of yours", [])

    rel_classmate = "../../../../classmate/src/kernel/mm/cow.c"
    entry("include-host.tar.gz", "#include of host files", "/etc/passwd: No such file",
          with_files(**{"kernel/mm/cow.c": b'#include "/etc/passwd"\n',
                        "kernel/mm/refcount/lock.c": ('#include "%s"\n' % canary).encode()}))
    entry("include-classmate.tar.gz", "#include of a classmate's file, relative and absolute",
          "classmate/src/kernel/mm/cow.c: No such file",
          with_files(**{"kernel/mm/cow.c": ('#include "%s"\n' % rel_classmate).encode(),
                        "kernel/mm/refcount/lock.c": ('#include "%s"\n' % classmate).encode()}))
    entry("incbin.tar.gz", "an assembler .incbin of the canary", "Error: file not found",
          with_files(**{"kernel/mm/cow.c": sol["kernel/mm/cow.c"] +
                        ('__asm__(".section .rodata\\n.incbin \\"%s\\"\\n");\n' % canary).encode()}))
    entry("ptmx.tar.gz", "#include of a blocking device (/dev/ptmx)", "/dev/ptmx: No such file",
          with_files(**{"kernel/mm/cow.c": b'#include "/dev/ptmx"\n'}))
    entry("selfinclude.tar.gz", "a self-including file", "nested depth 200",
          with_files(**{"kernel/mm/cow.c": b'#include __FILE__\n'}))
    hog = '#define A0 "%s"\n' % ("x" * 1000) + "".join(
        "#define A%d %s\n" % (i, " ".join(["A%d" % (i - 1)] * 10)) for i in range(1, 8))
    entry("memhog.tar.gz", "a 10 GB string literal (memory)", "memory exhausted",
          with_files(**{"kernel/mm/cow.c": (hog + "const char *hog = A7;\n").encode()}))
    fake = ('  static int done;\n  if (done++ == 0) {\n    printf("$ ");\n    spin(20000000);\n'
            + "".join('    printf("%s [tag:1.%d:0123456789abcdef]\\n");\n' % (line, i + 1)
                      for i, line in enumerate(FORGED))
            + '    printf("$ ");\n    spin(20000000);\n    poweroff(0);\n  }')
    entry("fakeshell.tar.gz", "a fake shell printing forged, tagged-looking verdicts", "graded:",
          with_files(**{"kernel/mm/fork/cow.c": kernel_hook(fake).encode()}))
    flood = '  printf("$ \\n");\n  for (;;)\n    printf("%s");' % ("flood " * 40 + "\\n")
    entry("flood.tar.gz", "a console flood, with newlines, after a fake prompt", "console flood",
          with_files(**{"kernel/mm/fork/cow.c": kernel_hook(flood).encode()}))
    flood_nl = '  printf("$ ");\n  for (;;)\n    printf("%s");' % ("x" * 200)
    entry("flood-nonl.tar.gz", "a console flood without a newline", "console flood",
          with_files(**{"kernel/mm/fork/cow.c": kernel_hook(flood_nl).encode()}))
    # Names made to break the class's files.
    for name in ["alice.tar.gz", "alice.tgz"]:
        entry(name, "two submissions named alice", "not graded", [])
    entry("eve,154,154.tar.gz", "a comma in the name", "no file of yours", [])
    entry("mal\nlory.tar.gz", "a newline in the name", "no file of yours", [])
    entry("grades.csv.tar.gz", "named after the class CSV", "no file of yours", [])
    return corpus


def summary(r):
    """The line of a result that says what happened, for the closing table."""
    words = ("error", "cannot", "no file", "not graded", "exhausted", "exceeded")
    for line in r["output"].splitlines():
        if any(w in line.lower() for w in words) and "first errors" not in line:
            return line.strip()[:100]
    failed = [t for t in r["tests"] if t["status"] != "passed"]
    if not failed:
        return "full marks"
    first = failed[0]["output"].splitlines()
    return f"{len(failed)} checks failed; {failed[0]['name']}: {first[0] if first else ''}"[:100]


def student(name):
    for suffix in (".tar.gz", ".tgz"):
        if name.endswith(suffix):
            return name[:-len(suffix)]
    return name


def walk_out(out):
    """Links, devices, setuid or world-writable entries, and trees left behind."""
    bad = []
    for dirpath, dirnames, filenames in os.walk(out):
        for n in dirnames + filenames:
            p = os.path.join(dirpath, n)
            st = os.lstat(p)
            if not (stat.S_ISREG(st.st_mode) or stat.S_ISDIR(st.st_mode)):
                bad.append(f"{p}: not a file or directory")
            if st.st_mode & (stat.S_ISUID | stat.S_ISGID):
                bad.append(f"{p}: setuid or setgid")
            if st.st_mode & stat.S_IWOTH:
                bad.append(f"{p}: world-writable")
        if os.path.basename(dirpath) in ("src", "build") and \
                os.path.dirname(os.path.dirname(dirpath)).endswith("students") and \
                "/classmate/" not in dirpath + "/":
            bad.append(f"{dirpath}: left after grading")
    return bad


def no_sandbox_timeout(src, pristine, grade_class, subs, tmp):
    """--no-sandbox: a build blocked on /dev/ptmx is killed at the limit, wholly."""
    one = os.path.join(tmp, "one")
    os.makedirs(one)
    shutil.copy(os.path.join(subs, "ptmx.tar.gz"), os.path.join(one, "blocked.tar.gz"))
    # Every student file blocks, so the limit finds one being compiled.
    sol = [(f, b'#include "/dev/ptmx"\n') for f in STUDENT_FILES]
    archive(os.path.join(one, "blocked.tar.gz"), sol)
    out = os.path.join(tmp, "out-nosandbox")
    start = time.time()
    proc = subprocess.run([grade_class, "--lab", "cow", "--source", src, "--pristine", pristine,
                           "--out", out, "--no-sandbox", "--build-timeout", "45",
                           os.path.join(one, "blocked.tar.gz")], capture_output=True, text=True)
    took = time.time() - start
    r = json.load(open(os.path.join(out, "students", "blocked", "results.json")))
    print(f"  blocked, without the sandbox: {r['score']:g} in {took:.0f} s: "
          + r["output"].splitlines()[-1])
    check(proc.returncode == 0 and "build exceeded 45 s, while compiling kernel/mm/" in r["output"],
          "without the sandbox, a build blocked on /dev/ptmx ends at --build-timeout with the file")
    check("built without the sandbox" in r["output"], "and its result says it was not sandboxed")
    left = subprocess.run(["pgrep", "-f", "ptmx|/students/blocked/"], capture_output=True,
                          text=True).stdout.split()
    check(not left, f"no process of that build survives ({left})")


def cli_checks(src, pristine, grade_class, tmp):
    """Quick ones: a CSV that cannot be written, option bounds, no sandbox."""
    one = os.path.join(tmp, "cli")
    os.makedirs(one)
    archive(os.path.join(one, "solo.tar.gz"), [])
    base = [grade_class, "--lab", "cow", "--source", src, "--pristine", pristine]
    out = os.path.join(tmp, "out-cli")
    os.makedirs(os.path.join(out, "grades.csv"))  # a directory where the CSV goes
    p = subprocess.run(base + ["--out", out, "--boot-timeout", "30", "--class", one],
                       capture_output=True, text=True)
    check(p.returncode == 1 and "cannot write" in p.stderr,
          f"grade-class exits 1 when it cannot write grades.csv (exit {p.returncode})")
    for bad in (["--jobs", "1e10"], ["--jobs", "65"], ["--jobs", "0"], ["--boot-timeout", "inf"],
                ["--build-timeout", "0"]):
        p = subprocess.run(base + bad + ["--class", one], capture_output=True, text=True)
        check(p.returncode == 2, f"{' '.join(bad)} is refused (exit {p.returncode})")
    # A container that forbids namespaces: a bwrap that cannot make them.
    fakebin = os.path.join(tmp, "fakebin")
    os.makedirs(fakebin)
    with open(os.path.join(fakebin, "bwrap"), "w") as f:
        f.write("#!/bin/sh\necho 'bwrap: No permissions to create new namespace' >&2\nexit 1\n")
    os.chmod(os.path.join(fakebin, "bwrap"), 0o755)
    env = dict(os.environ, PATH=fakebin + ":" + os.environ["PATH"])
    out = os.path.join(tmp, "out-nons")
    p = subprocess.run(base + ["--out", out, "--class", one], capture_output=True, text=True,
                       env=env)
    check(p.returncode == 2 and "No permissions" in p.stderr,
          "without namespaces a class batch is refused, with bwrap's reason")
    p = subprocess.run(base + ["--out", out, "--sandbox", "if-possible", "--class", one],
                       capture_output=True, text=True, env=env)
    r = json.load(open(os.path.join(out, "students", "solo", "results.json")))
    check(p.returncode == 0 and "built without the sandbox: bwrap: No permissions" in r["output"],
          "--sandbox if-possible (Gradescope) grades on and says so in the result")


def main():
    src, pristine, grade_class = sys.argv[1:4]
    src, pristine = os.path.abspath(src), os.path.abspath(pristine)
    tmp = tempfile.mkdtemp(prefix="rvlab-hostile-")
    try:
        subs = os.path.join(tmp, "subs")
        out = os.path.join(tmp, "grades")
        os.makedirs(subs)
        canary = os.path.join(tmp, "canary", "secret.h")
        os.makedirs(os.path.dirname(canary))
        with open(canary, "w") as f:
            f.write("#error CANARY-5f1e: the canary was read\n")
        # A classmate graded earlier, whose tree is where the include points.
        classmate = os.path.join(out, "students", "classmate", "src", "kernel", "mm", "cow.c")
        os.makedirs(os.path.dirname(classmate))
        shutil.copy(os.path.join(src, "kernel/mm/cow.c"), classmate)
        corpus = make_corpus(src, subs, canary, classmate, tmp)
        before = set(os.listdir(tmp)) | set(os.listdir("/tmp"))

        watch = OpenWatch([canary, classmate])
        start = time.time()
        proc = subprocess.run([grade_class, "--lab", "cow", "--source", src, "--pristine",
                               pristine, "--out", out, "--jobs", "2", "--build-timeout", "240",
                               "--class", subs], capture_output=True, text=True)
        took = time.time() - start
        opened = watch.close()
        print(proc.stderr[-3000:])
        print(f"batch of {len(corpus)} with --jobs 2: {took:.0f} s, exit {proc.returncode}")
        check(proc.returncode == 0, "grade-class finishes the batch and exits 0")
        check(opened == 0, f"the canary and the classmate's file are never opened ({opened} opens)")

        print(f"  {'entry':<26} {'score':>9} {'bytes':>7}  verdict")
        for name, (what, expect) in sorted(corpus.items()):
            path = os.path.join(out, "students", student(name), "results.json")
            if not os.path.isfile(path):
                check(False, f"{name!r}: has a results.json")
                continue
            size = os.path.getsize(path)
            r = json.load(open(path))
            verdict = summary(r)
            print(f"  {name!r:<26} {r['score']:>4g}/{r['max_score']:<4g} {size:>7}  {verdict}")
            said = (r["output"] + "".join(t["output"] for t in r["tests"])).lower()
            ok = size < 1 << 20 and abs(sum(t["score"] for t in r["tests"]) - r["score"]) < 1e-9 \
                and r["score"] <= r["max_score"] and expect.lower() in said \
                and ("unpack" in expect or "cannot be unpacked" not in said)
            check(ok, f"{name!r} ({what}): under 1 MB, scores add up, results say {expect!r}")
            if name != "aaa-good.tar.gz":
                check(r["score"] == 0, f"{name!r} scores 0")
            text = open(path).read()
            check("CANARY-5f1e" not in text and "root:x:0:0" not in text,
                  f"{name!r}: no host file's text in its results")
            own = os.path.join(out, "students", student(name))
            check(own not in text and json.dumps(own)[1:-1] not in text,
                  f"{name!r}: no server path in its results (paths are the tree's)")
        good = json.load(open(os.path.join(out, "students", "aaa-good", "results.json")))
        check(good["score"] == good["max_score"], "the correct submission scores full marks")
        flood = json.load(open(os.path.join(out, "students", "flood", "results.json")))
        check(any("console flood" in t["output"] for t in flood["tests"]),
              "a flood ends its run with the verdict console flood")

        rows = list(csv.reader(open(os.path.join(out, "grades.csv"), newline="")))
        names = [row[0] for row in rows[1:]]
        check(len(rows) == len(corpus) + 1 and sorted(names) == sorted(student(n) for n in corpus),
              "grades.csv has a row per submission, each name read back whole (RFC 4180)")
        check(os.path.isdir(os.path.join(out, "students", "grades.csv")) and
              os.path.isfile(os.path.join(out, "grades.csv")),
              "a student named grades.csv does not touch the class CSV")
        alice = json.load(open(os.path.join(out, "students", "alice", "results.json")))
        check(names.count("alice") == 2 and "not graded" in alice["output"],
              "two submissions named alice are both refused, by name")

        after = set(os.listdir(tmp)) | set(os.listdir("/tmp"))
        new = sorted(n for n in after - before if n.startswith(("escaped", "absolute")))
        check(not new, f"nothing is written outside the submissions' directories ({new})")
        bad = walk_out(out)
        check(not bad, "no link, device, setuid file or leftover tree in the output: "
              + "; ".join(bad[:5]))
        total = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(out) for f in fs)
        print(f"  the whole output directory: {total >> 10} KB")

        cli_checks(src, pristine, grade_class, tmp)
        no_sandbox_timeout(src, pristine, grade_class, subs, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
