#!/usr/bin/env bash
# Gradescope autograder bundles: for each lab with a handout manifest, writes
# OUT/<lab>/autograder.zip holding that lab's branch (the pristine tree a
# submission is laid over), GRADESCOPE_LAB naming the lab, and at the root,
# where Gradescope looks, setup.sh and run_autograder (tools/gradescope/).
#
#   tools/gradescope.sh MANIFEST_PROGRAM SOURCE OUT
set -euo pipefail

[ $# -eq 3 ] || { sed -n '7p' "$0" | sed 's/^# *//' >&2; exit 2; }
program=$1
src=$(cd "$2" && pwd)
out=$3
here=$(cd "$(dirname "$0")" && pwd)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$here/handout.sh" "$program" "$src" "$work/branches" >/dev/null
mkdir -p "$out"
out=$(cd "$out" && pwd)
for branch in $(git --git-dir="$work/branches/.git" for-each-ref --format='%(refname:short)' refs/heads); do
  tree=$work/$branch
  mkdir -p "$tree"
  git --git-dir="$work/branches/.git" archive "$branch" | tar -x -C "$tree"
  echo "$branch" >"$tree/GRADESCOPE_LAB"
  cp "$here/gradescope/setup.sh" "$here/gradescope/run_autograder" "$tree/"
  mkdir -p "$out/$branch"
  rm -f "$out/$branch/autograder.zip"
  (cd "$tree" && zip -q -r "$out/$branch/autograder.zip" .)
  echo "gradescope: $out/$branch/autograder.zip"
done
