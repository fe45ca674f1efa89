#!/usr/bin/env python3
"""Finishes a lab branch's tree, once tools/handout.sh has laid its files:
its meson_options.txt offers only the siblings and labs the branch holds,
its Markdown loses the instructor-only sections (between the lines
`<!-- instructor -->` and `<!-- /instructor -->`) and its links to files
the branch does not hold, and its README.md is written from what it holds:
the commands, the files to write, the earlier labs it holds working, then
the lab's handout.

    handout_branch.py SOURCE TREE LAB  < course (handout-manifest --course)
"""
import os
import re
import sys

BEGIN, END = "<!-- instructor -->", "<!-- /instructor -->"
LITERAL = re.compile(r"'((?:[^'\\]|\\.)*)'")
LINK = re.compile(r"\[([^\]]*)\]\(([^)\s]+)\)")


def drop_instructor(text, name):
    """The text without its instructor sections; a section left open is an
    error, so a typo cannot hand out what it meant to hide."""
    out, inside = [], False
    for n, line in enumerate(text.split("\n"), 1):
        mark = line.strip()
        if mark == BEGIN:
            if inside:
                sys.exit(f"{name}:{n}: {BEGIN} inside an instructor section")
            inside = True
        elif mark == END:
            if not inside:
                sys.exit(f"{name}:{n}: {END} without {BEGIN}")
            inside = False
        elif not inside:
            out.append(line)
    if inside:
        sys.exit(f"{name}: an instructor section is not closed with {END}")
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out))


def fix_links(text, doc_dir, tree, rebase):
    """Links to a file of the branch, made relative to the root if rebase;
    a link to a file the branch does not hold keeps only its text."""
    def one(m):
        label, target = m.group(1), m.group(2)
        if re.match(r"[a-z]+:|#", target):
            return m.group(0)
        path, _, anchor = target.partition("#")
        rel = os.path.normpath(os.path.join(doc_dir, path))
        if not os.path.exists(os.path.join(tree, rel)):
            return label
        if rebase:
            return f"[{label}]({rel}{'#' + anchor if anchor else ''})"
        return m.group(0)
    return LINK.sub(one, text)


def sibling_sources(root, mech):
    """The sibling names of mechanism mech that root holds: NAME.c, NAME.S
    under a directory called mech."""
    found = set()
    for d, _, names in os.walk(root):
        if os.path.basename(d) != mech or "/.git" in d:
            continue
        for n in names:
            stem, ext = os.path.splitext(n)
            if ext in (".c", ".S"):
                found.add(stem)
    return found


def trim_description(block, removed):
    """The description without the clauses about removed choices (a clause
    runs to '; ' or '. ' and starts with the choice's name)."""
    at = block.find("description:")
    if at < 0 or not removed:
        return block
    text = "".join(LITERAL.findall(block[at:])).replace("\\'", "'")
    parts = re.split(r"(; |\. )", text)
    kept = []
    for i in range(0, len(parts), 2):
        clause = parts[i]
        if any(re.match(rf"{re.escape(r)}\b", clause) for r in removed):
            continue
        if kept:
            kept.append(parts[i - 1])
        kept.append(clause)
    text = "".join(kept).replace("'", "\\'")
    pieces, line = [], ""
    for word in text.split(" "):
        if line and len(line) + len(word) > 70:
            pieces.append(line + " ")
            line = word
        else:
            line = f"{line} {word}" if line else word
    pieces.append(line)
    lits = " +\n                    ".join(f"'{p}'" for p in pieces)
    return block[:at] + "description: " + lits + ")"


def fit_options(src, tree, lab):
    """meson_options.txt with a combo option's choices limited to siblings
    the branch holds (a choice whose files the instructor's tree has and the
    branch has not is dropped) and `lab` defaulting to this lab."""
    path = os.path.join(tree, "meson_options.txt")
    text = open(path).read()
    labs = sorted(l for l in os.listdir(os.path.join(tree, "labs"))
                  if os.path.isfile(os.path.join(tree, "labs", l, "rubric")))
    blocks = re.split(r"(?m)^(?=option\()", text)
    out = []
    for b in blocks:
        m = re.match(r"option\('([^']+)'", b)
        if not m:
            out.append(b)
            continue
        name = m.group(1)
        tail = b[len(b.rstrip()):]
        b = b.rstrip()
        choices = re.search(r"choices:\s*\[([^\]]*)\]", b)
        removed = []
        if name == "lab":
            b = re.sub(r"value:\s*'[^']*'", f"value: '{lab}'", b)
            if choices:
                kept = [c for c in LITERAL.findall(choices.group(1)) if c in labs]
                removed = [c for c in LITERAL.findall(choices.group(1)) if c not in labs]
                b = b.replace(choices.group(0), "choices: [" + ", ".join(f"'{c}'" for c in kept) + "]")
        elif choices:
            have, had = sibling_sources(tree, name), sibling_sources(src, name)
            all_choices = LITERAL.findall(choices.group(1))
            removed = [c for c in all_choices if c in had and c not in have]
            kept = [c for c in all_choices if c not in removed]
            b = b.replace(choices.group(0), "choices: [" + ", ".join(f"'{c}'" for c in kept) + "]")
        out.append(trim_description(b, removed) + tail)
    header = (f"# This branch's options, made from the instructor's by tools/handout.sh:\n"
              f"# the choices are the siblings and labs this branch holds.\n")
    with open(path, "w") as f:
        f.write(header + "".join(out))


def readme(tree, lab, course):
    writes = [w[2] for w in course if w[0] == "write" and w[1] == lab]
    needs = [w[2] for w in course if w[0] == "needs" and w[1] == lab]
    doc = next((w[2] for w in course if w[0] == "readme" and w[1] == lab), None)
    # The earlier labs this branch holds working are graded by `meson test`
    # too (each has its suite), so the README says so.
    order = [w[1] for w in course if w[0] == "lab"]
    others = [o for o in order if o != lab and os.path.isfile(os.path.join(tree, "labs", o, "rubric"))]
    r = [f"# rvlab: the {lab} lab", "",
         f"This repository is rvlab as the {lab} lab hands it out. Build, boot and grade:", "",
         "    meson setup build --cross-file cross/riscv64-unknown-elf.ini",
         "    ninja -C build qemu          # a shell on the console; `poweroff` quits",
         f"    meson test -C build          # unit tests, and the grading of labs/{lab}/rubric"
         + (f", and of {' and '.join(others)} (given working)" if others else ""),
         f"    meson test -C build --suite {lab}    # only the grading of this lab",
         "    ninja -C build submission    # build/submission.tar.gz: the files below, to hand in",
         "",
         "You write these files; each starts as a starter that compiles and whose",
         "comments say what to build and where to look. Only these files of a",
         "submission are graded: the rubric, the tests and everything else are the",
         "instructor's.", ""]
    r += [f"- `{w}`" for w in writes]
    if needs:
        r += ["", "This branch also holds, working, the earlier labs this one builds on:", ""]
        for n in needs:
            line = f"- {n}: `-Dlab={n}` builds and grades it"
            h = next((w[2] for w in course if w[0] == "readme" and w[1] == n), None)
            if h and os.path.isfile(os.path.join(tree, h)):
                line += f"; its handout is [{h}]({h})"
            r.append(line)
    text = "\n".join(r) + "\n"
    if doc and os.path.isfile(os.path.join(tree, doc)):
        body = open(os.path.join(tree, doc)).read()
        text += "\n" + fix_links(body, os.path.dirname(doc), tree, rebase=True)
    with open(os.path.join(tree, "README.md"), "w") as f:
        f.write(text)


def main():
    src, tree, lab = sys.argv[1:4]
    course = [l.split() for l in sys.stdin.read().splitlines() if l.strip()]
    for d, _, names in os.walk(tree):
        for n in names:
            if n.endswith(".md"):
                p = os.path.join(d, n)
                rel = os.path.relpath(p, tree)
                text = drop_instructor(open(p).read(), rel)
                text = fix_links(text, os.path.dirname(rel), tree, rebase=False)
                with open(p, "w") as f:
                    f.write(text)
    fit_options(src, tree, lab)
    readme(tree, lab, course)


if __name__ == "__main__":
    main()
