#!/usr/bin/env bash
# A student's submission: packs into OUT (a .tar.gz) the files the lab's
# handout manifest says the student writes, and SUBMISSION, a small manifest
# of the lab, the tree's commit and each file's SHA-256. It warns, by name,
# about every change to a file the student does not own: grading lays only
# the student's files over the instructor's tree, so those changes are lost.
#
#   tools/submission.sh MANIFEST_PROGRAM SOURCE LAB OUT
set -euo pipefail

[ $# -eq 4 ] || { sed -n '8p' "$0" | sed 's/^# *//' >&2; exit 2; }
manifest_program=$1
src=$(cd "$2" && pwd)
lab=$3
out=$4

mapfile -t writes < <("$manifest_program" "$src/labs/$lab/handout" | awk '$1 == "write" { print $2 }')
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

commit=$(git -C "$src" rev-parse HEAD 2>/dev/null || echo none)
{
  echo "lab $lab"
  echo "commit $commit"
  for f in "${writes[@]}"; do
    [ -f "$src/$f" ] || { echo "submission: $f is missing" >&2; exit 1; }
    echo "file $(sha256sum "$src/$f" | cut -d' ' -f1) $f"
  done
} >"$work/SUBMISSION"

# What changed since the branch was handed out (its first commit), in the
# work tree too, files not yet added included.
if root=$(git -C "$src" rev-list --max-parents=0 HEAD 2>/dev/null | tail -1) && [ -n "$root" ]; then
  {
    git -C "$src" diff --name-only "$root"
    git -C "$src" ls-files --others --exclude-standard
  } | sort -u | while read -r f; do
    owned=0
    for w in "${writes[@]}"; do [ "$f" = "$w" ] && owned=1; done
    [ $owned -eq 1 ] || echo "submission: warning: you changed $f, which is not yours to change: grading ignores it" >&2
  done
fi

tar -czf "$out" -C "$work" SUBMISSION -C "$src" "${writes[@]}"
echo "submission: wrote $out (lab $lab, ${#writes[@]} files)"
