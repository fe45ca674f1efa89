"""What the tag checks know of rubrics and test programs (tools/check_rubric_tags.py,
tools/check_fake_kernel.py): a rubric's runs and checks (the language of
docs/grading.md), a line that matches a condition's POSIX regular
expression, and the lines each test program prints through tag_line()."""
import glob
import os
import re

try:  # Python 3.11 moved the parser; both keep its interface
    import re._parser as sre_parse
    import re._constants as sre_constants
except ImportError:  # pragma: no cover
    import sre_constants
    import sre_parse

POSIX_CLASSES = {"space": r"\s", "digit": r"0-9", "alpha": r"a-zA-Z", "alnum": r"a-zA-Z0-9",
                 "upper": "A-Z", "lower": "a-z", "xdigit": "0-9a-fA-F", "punct": r"!-/:-@\[-`{-~",
                 "blank": r" \t", "print": r" -~", "graph": r"!-~", "cntrl": r"\x00-\x1f"}


def python_regex(posix):
    """A POSIX extended regular expression as Python's re reads it."""
    return re.sub(r"\[:(\w+):\]", lambda m: POSIX_CLASSES.get(m.group(1), m.group(0)), posix)


class Condition:
    def __init__(self, kind, tagged, count, regex):
        self.kind, self.tagged, self.count, self.regex = kind, tagged, count, regex


class Check:
    def __init__(self, name, points, run):
        self.name, self.points, self.run = name, points, run
        self.conds, self.depends, self.section = [], None, None

    def tagged(self):
        return any(c.tagged for c in self.conds)


def parse_rubric(text):
    """(runs, checks): runs as {name: [command, ...]}, checks in order."""
    runs, checks, run, block = {}, [], None, None
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        words = line.split()
        if not line[0].isspace():
            if words[0] == "run":
                run = words[1]
                runs[run] = []
                block = None
            elif words[0] == "check":
                block = Check(words[1], float(words[2]), run)
                checks.append(block)
            continue
        body = line.strip()
        if body.startswith("$ ") and block is None:
            runs[run].append(body[2:])
            continue
        head, _, regex = body.partition(":")
        regex = regex.strip()
        hw = head.split()
        if not hw:
            continue
        if hw[0] == "depends":
            block.depends = hw[-1]
        elif hw[0] == "section":
            block.section = [p.strip() for p in (body.split(":", 1)[1]).split(" .. ")]
        elif hw[0] in ("expect", "reject", "partial"):
            tagged = "tagged" in hw
            nums = [w for w in hw if w.isdigit()]
            block.conds.append(Condition(hw[0], tagged, int(nums[0]) if nums else 1, regex))
    return runs, checks


def sample(posix, digit="1"):
    """One line that the regular expression matches (None if it cannot make one)."""
    try:
        tree = sre_parse.parse(python_regex(posix))
    except Exception:
        return None
    try:
        return "".join(_gen(tree, digit))
    except Exception:
        return None


def _gen(items, digit):
    c = sre_constants
    out = []
    for op, av in items:
        if op == c.LITERAL:
            out.append(chr(av))
        elif op == c.NOT_LITERAL:
            out.append("x" if chr(av) != "x" else "y")
        elif op == c.ANY:
            out.append("x")
        elif op == c.IN:
            out.append(_pick(av, digit))
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT):
            lo, _, sub = av
            out.extend(_gen(sub, digit) * max(lo, 1 if lo == 0 and _is_digits(sub) else lo))
        elif op == c.SUBPATTERN:
            out.extend(_gen(av[-1], digit))
        elif op == c.BRANCH:
            out.extend(_gen(av[1][0], digit))
        elif op == c.AT:
            pass
        else:
            raise ValueError(op)
    return out


def _is_digits(sub):
    return any(op == sre_constants.IN for op, _ in sub)


def _pick(av, digit):
    c = sre_constants
    negate = any(op == c.NEGATE for op, _ in av)
    candidates = [digit, "x", "a", " ", "A", "_", "0", "-"]
    pattern = "[" + ("^" if negate else "") + "".join(_set_text(op, v) for op, v in av
                                                         if op != c.NEGATE) + "]"
    # The usual characters first, then any printable one ([Uu], [5-9]).
    for ch in candidates + [chr(i) for i in range(33, 127)]:
        if re.fullmatch(pattern, ch):
            return ch
    return "x"


def _set_text(op, v):
    c = sre_constants
    if op == c.LITERAL:
        return re.escape(chr(v))
    if op == c.RANGE:
        return re.escape(chr(v[0])) + "-" + re.escape(chr(v[1]))
    if op == c.CATEGORY:
        return {c.CATEGORY_DIGIT: r"\d", c.CATEGORY_SPACE: r"\s", c.CATEGORY_WORD: r"\w",
                c.CATEGORY_NOT_DIGIT: r"\D", c.CATEGORY_NOT_SPACE: r"\S",
                c.CATEGORY_NOT_WORD: r"\W"}.get(v, "")
    return ""


def _split_args(text):
    """The top-level comma-separated arguments of a call's text."""
    args, depth, cur, in_str = [], 0, "", False
    i = 0
    while i < len(text):
        ch = text[i]
        if in_str:
            cur += ch
            if ch == "\\":
                cur += text[i + 1]
                i += 1
            elif ch == '"':
                in_str = False
        elif ch == '"':
            in_str, cur = True, cur + ch
        elif ch in "([{":
            depth, cur = depth + 1, cur + ch
        elif ch in ")]}":
            if depth == 0:
                args.append(cur.strip())
                return args
            depth, cur = depth - 1, cur + ch
        elif ch == "," and depth == 0:
            args.append(cur.strip())
            cur = ""
        else:
            cur += ch
        i += 1
    return args


def _arg_regex(arg):
    strings = re.findall(r'"((?:[^"\\]|\\.)*)"', arg)
    if re.fullmatch(r'\s*"((?:[^"\\]|\\.)*)"\s*', arg):
        return re.escape(strings[0])
    if "?" in arg and ":" in arg and len(strings) == 2 and \
            re.fullmatch(r'[^"]*\?\s*"(?:[^"\\]|\\.)*"\s*:\s*"(?:[^"\\]|\\.)*"\s*', arg):
        return "(" + "|".join(re.escape(s) for s in strings) + ")"
    return ".*"


def tag_templates(source_files):
    """A regular expression for each line the files print through tag_line()."""
    templates = []
    for path in source_files:
        text = open(path, errors="replace").read()
        for m in re.finditer(r"\btag_line\s*\(", text):
            if re.match(r"\s*const\s+char", text[m.end():]):
                continue  # the declaration or definition, not a call
            args = [a for a in _split_args(text[m.end():])
                    if not re.fullmatch(r"\(\s*char\s*\*\s*\)\s*0|0|NULL", a)]
            template = "".join(_arg_regex(a) for a in args)
            # A line that is a variable alone is another program's (tagrun
            # relays its command's lines): which lines those are, only that
            # program's own output could say, so it names none.
            if args and template != ".*":
                templates.append((path, template))
    return templates


def program_sources(root, command):
    """The source files of the programs a shell command line runs."""
    files = []
    for part in re.split(r"[|;&]", command):
        words = part.split()
        if not words:
            continue
        # tagrun NAME ... runs NAME: both print (user/tagrun.c).
        names = words[:2] if words[0] == "tagrun" else words[:1]
        for name in names:
            # user/NAME.c, user/LAB/NAME.c, tests/xv6/NAME.c, or user/NAME/*.c
            for top in ("user", "tests"):
                files += sorted(glob.glob(os.path.join(root, top, "**", name + ".c"),
                                          recursive=True))
            files += sorted(glob.glob(os.path.join(root, "user", name, "*.c")))
    return files


def labs(root):
    """The labs of the tree: labs/course order where there is one, each with a rubric."""
    course = os.path.join(root, "labs", "course")
    if os.path.isfile(course):
        names = [w for line in open(course) for w in line.split("#")[0].split()]
    else:
        names = sorted(os.listdir(os.path.join(root, "labs")))
    return [n for n in names if os.path.isfile(os.path.join(root, "labs", n, "rubric"))]
