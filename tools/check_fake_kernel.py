#!/usr/bin/env python3
"""A kernel that runs no program and prints every expected line scores
nothing on a tagged check (meson test --suite unit, one test per lab).

The "kernel" is a stand-in for QEMU that the real grade program drives: it
prompts, echoes what is typed and powers off on `poweroff`, and after a
run's first command prints, untagged, a line for each condition of the
run's checks (made from the condition's own pattern, so many times as it
asks for, inside its section's opening and closing lines), and nothing else. The test checks that
those lines do hold every expected pattern, grades the lab with them, and
asserts that every check with a tagged condition, and every check that
depends on one, scores 0. It prints what the fake earned and on which
checks: those have no tagged condition (tools/check_rubric_tags.py lists
them), a user program's plain output that the rubric cannot tell from a
kernel's. Where every check is tagged, the lab's total must be 0.

    check_fake_kernel.py SOURCE GRADE KERNEL FS_IMAGE LAB

FAKE_KEEP=DIR keeps the stand-in, its lines and the grading's JSON in DIR.
"""
import json
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import rubric_model  # noqa: E402

FAKE = r'''#!/usr/bin/env python3
# A kernel that runs nothing: the rubric's expected lines at every prompt.
import json, os, sys
by_command = json.load(open(sys.argv[0] + ".json"))
out = os.fdopen(1, "wb", buffering=0)
def say(text):
    out.write(text.replace("\n", "\r\n").encode())
say("fake kernel: runs no program\n$ ")
command = b""
while True:
    c = os.read(0, 1)
    if not c:
        sys.exit(0)
    if c in (b"\r", b"\n"):
        say("\n")
        if command.strip() == b"poweroff":
            sys.exit(0)
        say(by_command.get(command.decode(errors="replace").strip(), ""))
        command = b""
        say("$ ")
    else:
        command += c
        out.write(c)
'''


def forged_lines(checks):
    lines, missing = [], []
    for check in checks:
        rejects = [re.compile(rubric_model.python_regex(c.regex)) for c in check.conds
                   if c.kind == "reject"]
        block = []
        for cond in check.conds:
            if cond.kind == "reject":
                continue
            line = rubric_model.sample(cond.regex)
            if line is None or any(r.search(line) for r in rejects):
                missing.append(f"{check.name}: /{cond.regex}/")
                continue
            block += [line] * cond.count
        if check.section:
            start = rubric_model.sample(check.section[0])
            end = rubric_model.sample(check.section[1]) if len(check.section) > 1 else None
            block = [start] + block + ([end] if end and end not in block else [])
        lines += block
    return lines, missing


def tainted(checks):
    """Checks with a tagged condition, or depending on one that has."""
    by_name = {c.name: c for c in checks}
    out = set()
    for c in checks:
        k = c
        while k:
            if k.tagged():
                out.add(c.name)
                break
            k = by_name.get(k.depends)
    return out


def main():
    root, grade, kernel, image, lab = sys.argv[1:6]
    rubric = os.path.join(root, "labs", lab, "rubric")
    runs, checks = rubric_model.parse_rubric(open(rubric).read())
    by_command, failures = {}, []
    for run, commands in runs.items():
        mine = [c for c in checks if c.run == run]
        lines, missing = forged_lines(mine)
        if missing:
            failures.append("no line could be made for: " + "; ".join(missing))
        for c in mine:
            for cond in c.conds:
                if cond.kind in ("expect", "partial") and not any(
                        re.search(rubric_model.python_regex(cond.regex), line) for line in lines):
                    failures.append(f"the fake prints no line for {c.name}: /{cond.regex}/")
        if commands and mine:
            text = by_command.get(commands[0].strip(), "")
            by_command[commands[0].strip()] = text + "".join(line + "\n" for line in lines)
    with tempfile.TemporaryDirectory(prefix="rvlab-fake-") as tmp:
        if os.environ.get("FAKE_KEEP"):
            tmp = os.environ["FAKE_KEEP"]
        fake = os.path.join(tmp, "fake-qemu")
        with open(fake, "w") as f:
            f.write(FAKE)
        os.chmod(fake, 0o755)
        with open(fake + ".json", "w") as f:
            json.dump(by_command, f)
        out = os.path.join(tmp, "grade.json")
        proc = subprocess.run([grade, "--qemu", fake, "--kernel", kernel, "--fs", image,
                               "--rubric", rubric, "--json", out, "--log-dir", tmp,
                               "--jobs", "1", "--quiet"], capture_output=True, text=True)
        if proc.returncode not in (0, 1) or not os.path.isfile(out):
            print(proc.stdout, proc.stderr)
            print(f"FAIL: grade exited {proc.returncode}")
            return 1
        result = json.load(open(out))
    score = {t["name"]: t["score"] for t in result["tests"]}
    must_be_zero = tainted(checks)
    for name in sorted(must_be_zero):
        if score.get(name, 0) != 0:
            failures.append(f"check {name} is tagged, yet the fake earned {score[name]:g}")
    earned = {n: s for n, s in score.items() if s > 0}
    total = sum(c.points for c in checks)
    print(f"{lab}: a kernel that runs no program earns {result['score']:g} of {total:g}"
          + (f", on untagged checks: {' '.join(sorted(earned))}" if earned else ""))
    if len(must_be_zero) == len(checks) and result["score"] != 0:
        failures.append(f"every check is tagged, yet the fake earned {result['score']:g}")
    for f in failures:
        print("FAIL: " + f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
