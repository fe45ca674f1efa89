#!/usr/bin/env python3
"""A branch tells the truth: every command, option, target, test suite and
path that its README.md and its lab handouts (docs/labs/*.md) name is one
the branch has. Checked against the branch itself:

- a repository path (kernel/..., labs/..., docs/..., tools/..., a top-level
  file), in code or prose, and a Markdown link's target: the branch holds it;
- `-DNAME=VALUE`: NAME is an option of the branch's meson_options.txt and
  VALUE one of its choices (for `lab`, a lab whose rubric the branch holds);
- `./rvlab CMD`: the branch's rvlab has that command;
and, given a configured build of the branch (--build):
- `ninja -C build TARGET...`, `build/kernel/...`, `build/*.img`, a kernel's
  name (kernel-F-R-U...) and `build/grader/...`: ninja knows the target;
- `meson test ... --suite SUITE`: some test is in that suite.

    check_readme.py [--build BUILD] TREE...
"""
import os
import re
import subprocess
import sys

TOP = ("kernel", "user", "labs", "docs", "grader", "tools", "tests", "cross")
TOP_FILES = ("meson.build", "meson_options.txt", "README.md", "rvlab")
PATH = re.compile(r"(?<![\w./-])((?:%s)/[\w./+-]*[\w/]|%s)(?![\w.-]*[<{*])"
                  % ("|".join(TOP), "|".join(re.escape(f) for f in TOP_FILES)))
DOPT = re.compile(r"-D(\w+)=([\w.,-]+)")
KERNEL = re.compile(r"(?<![\w/-])(kernel(?:-[a-z]+){3,})(?![\w-])")
LINK = re.compile(r"\[[^\]]*\]\(([^)\s#]+)(?:#[^)]*)?\)")
LITERAL = re.compile(r"'((?:[^'\\]|\\.)*)'")


def code_of(text):
    """The lines of indented and fenced code blocks, and inline code spans."""
    code, fenced = [], False
    for line in text.split("\n"):
        if line.lstrip().startswith("```"):
            fenced = not fenced
            continue
        if fenced or line.startswith("    "):
            code.append(line.split("#")[0] if not fenced else line)
        else:
            code += re.findall(r"`([^`]+)`", line)
    return code


def options_of(tree):
    """{option: choices, or None for a free value}."""
    text = open(os.path.join(tree, "meson_options.txt")).read()
    opts = {}
    for block in re.split(r"(?m)^(?=option\()", text):
        m = re.match(r"option\('([^']+)'", block)
        if not m:
            continue
        c = re.search(r"choices:\s*\[([^\]]*)\]", block)
        opts[m.group(1)] = LITERAL.findall(c.group(1)) if c else None
    return opts


def rvlab_commands(tree):
    path = os.path.join(tree, "rvlab")
    if not os.path.isfile(path):
        return set()
    return set(re.findall(r"(?m)^([a-z]+)\)$", open(path).read()))


def build_facts(build):
    targets = set()
    out = subprocess.run(["ninja", "-C", build, "-t", "targets", "all"], check=True,
                         capture_output=True, text=True).stdout
    for line in out.splitlines():
        targets.add(line.rsplit(":", 1)[0])
    suites = set()
    out = subprocess.run(["meson", "test", "-C", build, "--list", "--no-rebuild"], check=True,
                         capture_output=True, text=True).stdout
    for line in out.splitlines():
        m = re.match(r"\S+?:(\S+) / ", line)
        if m:
            suites |= set(m.group(1).split("+"))
    return targets, suites


def check_doc(tree, rel, facts, failures):
    text = open(os.path.join(tree, rel)).read()
    opts = options_of(tree)
    labs = {l for l in os.listdir(os.path.join(tree, "labs"))
            if os.path.isfile(os.path.join(tree, "labs", l, "rubric"))}
    say = lambda what: failures.append(f"UNTRUE: {os.path.basename(tree)}: {rel}: {what}")
    for p in sorted(set(PATH.findall(text))):
        if not os.path.exists(os.path.join(tree, p)):
            say(f"names {p}, which the branch does not hold")
    for target in sorted(set(LINK.findall(text))):
        if re.match(r"[a-z]+:", target):
            continue
        if not os.path.exists(os.path.normpath(os.path.join(tree, os.path.dirname(rel), target))):
            say(f"links to {target}, which the branch does not hold")
    code = code_of(text)
    commands = rvlab_commands(tree)
    targets, suites = facts if facts else (None, None)
    cwd = ""
    for line in code:
        m = re.match(r"\s*cd\s+(\S+)\s*$", line)
        if m and not m.group(1).startswith(("/", "~", "$")):
            cwd = os.path.normpath(os.path.join(cwd, m.group(1)))
        m = re.match(r"\s*diff\s+(.*)", line)
        for arg in m.group(1).split() if m else []:
            p = os.path.normpath(os.path.join(cwd, arg))
            if not arg.startswith("-") and not os.path.exists(os.path.join(tree, p)):
                say(f"diff {arg}: the branch holds no {p}")
        for name, value in DOPT.findall(line):
            if name not in opts:
                say(f"-D{name}: the branch has no option {name}")
            elif name == "lab" and value not in labs:
                say(f"-Dlab={value}: the branch holds no lab {value}")
            elif opts[name] is not None and value not in opts[name]:
                say(f"-D{name}={value}: not one of {', '.join(opts[name])}")
        for cmd in re.findall(r"\./rvlab\s+([a-z]+)", line):
            if cmd not in commands:
                say(f"./rvlab {cmd}: the branch's rvlab has no such command")
        if targets is None:
            continue
        m = re.search(r"\bninja\s+-C\s+\S+\s+([^#|;&]*)", line)
        if m:
            for t in m.group(1).split():
                if not t.startswith("-") and t not in targets:
                    say(f"ninja target {t}: not a target of the branch's build")
        for s in re.findall(r"--suite[ =](\S+)", line):
            if s not in suites:
                say(f"--suite {s}: no test of the branch is in that suite")
        for t in re.findall(r"(?<![\w/])build/((?:kernel|grader)/[\w/.-]*[\w]|[\w.-]+\.img)(?![\w.-]*[<{*])",
                            line):
            if t not in targets:
                say(f"build/{t}: not a target of the branch's build")
        for k in KERNEL.findall(line):
            if f"kernel/{k}" not in targets:
                say(f"{k}: no such kernel in the branch's build")


def check_tree(tree, build, failures):
    facts = build_facts(build) if build else None
    docs = ["README.md"] + sorted(
        os.path.join("docs/labs", n) for n in os.listdir(os.path.join(tree, "docs/labs"))
        if n.endswith(".md"))
    for rel in docs:
        check_doc(tree, rel, facts, failures)
    return docs


def main():
    args = sys.argv[1:]
    build = None
    if args[:1] == ["--build"]:
        build, args = args[1], args[2:]
    failures = []
    for tree in args:
        docs = check_tree(tree, build, failures)
        print(f"{os.path.basename(tree)}: read {', '.join(docs)}")
    for f in failures:
        print(f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
