#!/usr/bin/env python3
"""Every check on a line that a test program tags must be `expect tagged`
(meson test --suite unit): a kernel can print any untagged line itself.

For each lab's rubric (labs/*/rubric, the labs present), each run's
commands name the programs it runs (`tagrun NAME` runs both); their sources
(user/NAME.c or user/NAME/*.c) give the lines they print through
tag_line(). tagrun's relay of its command's lines (tag_line of a variable
alone) names no line, so it is not a template. An untagged
`expect` or `partial` condition of a check in that run whose pattern
matches such a line fails this test, naming the lab, the check and the
program. It then lists, lab by lab, the checks with no tagged condition at
all (a user program's plain output, which cannot be tagged): those are what
a kernel that runs nothing could still earn (tools/check_fake_kernel.py).
It also proves itself on a planted rubric whose `race: ok` is untagged.

    check_rubric_tags.py SOURCE
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import rubric_model  # noqa: E402


def untagged_on_tagged_lines(root, rubric_text):
    """(check, condition regex, program file, template) for each violation."""
    runs, checks = rubric_model.parse_rubric(rubric_text)
    found = []
    for check in checks:
        sources = []
        for command in runs.get(check.run, []):
            sources += rubric_model.program_sources(root, command)
        templates = rubric_model.tag_templates(sources)
        for cond in check.conds:
            if cond.tagged or cond.kind not in ("expect", "partial"):
                continue
            line = rubric_model.sample(cond.regex)
            if line is None:
                continue
            for path, template in templates:
                if re.fullmatch(template, line):
                    found.append((check.name, cond.regex, os.path.relpath(path, root), template))
                    break
    return found


def main():
    root = sys.argv[1]
    failures = 0
    for lab in rubric_model.labs(root):
        text = open(os.path.join(root, "labs", lab, "rubric")).read()
        for name, regex, path, template in untagged_on_tagged_lines(root, text):
            print(f"FAIL: labs/{lab}/rubric: check {name}: `expect: {regex}` is untagged, but "
                  f"{path} tags that line (tag_line: /{template}/); write `expect tagged`")
            failures += 1
        _, checks = rubric_model.parse_rubric(text)
        plain = [c.name for c in checks if not c.tagged()]
        total = sum(c.points for c in checks)
        points = sum(c.points for c in checks if not c.tagged())
        print(f"{lab}: {len(plain)} of {len(checks)} checks have no tagged condition "
              f"({points:g} of {total:g} points){': ' + ' '.join(plain) if plain else ''}")

    # The test of the test: the cow lab's race check as it used to be.
    planted = "run cowtest timeout 300\n    $ cowtest\ncheck cow-race 10 points\n" \
              "    expect: ^race: ok$\n"
    if os.path.isfile(os.path.join(root, "user", "cowtest.c")):
        caught = untagged_on_tagged_lines(root, planted)
        ok = [c for c in caught if c[0] == "cow-race"]
        print(("ok: " if ok else "FAIL: ") + "a planted untagged `expect: ^race: ok$` is caught")
        failures += 0 if ok else 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
