#!/usr/bin/env bash
# Starter scores: grades each lab as its students first get it, the lab's
# branch with its starters in place (tools/handout.sh), on the branch's own
# default kernel, and prints "LAB: SCORE/MAX" from its results JSON. Every
# lab must hold its starter to at most a fifth of its points (docs/grading.md).
# One lab is built and graded at a time, with ninja -j2.
#
#   tools/starter_scores.sh BUILD WORKDIR [LAB...]
#
# BUILD is a configured build of this tree (for the manifest program);
# WORKDIR, a new directory, receives the branches and their builds. With no
# LAB, every lab that has a handout manifest.
set -euo pipefail
[ $# -ge 2 ] || { sed -n '7p' "$0" | sed 's/^# *//' >&2; exit 2; }
build=$(cd "$1" && pwd)
src=$(cd "$(dirname "$0")/.." && pwd)
work=$2
shift 2
mkdir -p "$work"
work=$(cd "$work" && pwd)
ninja -C "$build" grader/class/handout-manifest >/dev/null
"$src/tools/handout.sh" --replace "$build/grader/class/handout-manifest" "$src" "$work/branches" \
  >/dev/null
labs=("$@")
[ ${#labs[@]} -gt 0 ] || mapfile -t labs < <(git --git-dir="$work/branches/.git" branch \
  --format='%(refname:short)')
for lab in "${labs[@]}"; do
  tree=$work/$lab
  rm -rf "$tree"
  mkdir -p "$tree"
  git --git-dir="$work/branches/.git" archive "$lab" | tar -x -C "$tree"
  (cd "$tree" && meson setup build --cross-file cross/riscv64-unknown-elf.ini >"$work/$lab.setup.log" 2>&1 &&
    ninja -C build -j2 >"$work/$lab.build.log" 2>&1) || { echo "$lab: does not build (see $work/$lab.*.log)"; continue; }
  meson test -C "$tree/build" --suite "$lab" >"$work/$lab.test.log" 2>&1 || true
  python3 - "$tree/build/grade-$lab.json" "$lab" <<'END'
import json, sys
d = json.load(open(sys.argv[1]))
share = 100 * d["score"] / d["max_score"]
print("%s: %g/%g (%.0f%%)" % (sys.argv[2], d["score"], d["max_score"], share))
END
done
