#!/usr/bin/env bash
# Lab branches: writes OUT as a fresh git repository with one branch per lab
# of labs/course that has a handout manifest, in teaching order, each a
# single commit whose tree is what that lab's students get. The manifest
# program derives, file by file, what a branch holds from the course
# (labs/course, labs/instructor and every lab's manifest: docs/teaching.md);
# tools/handout_branch.py then fits the branch's meson_options.txt to the
# siblings it holds, drops the instructor-only sections of its Markdown and
# writes its README.md from what it holds.
#
#   tools/handout.sh [--replace] [--through LAB] MANIFEST_PROGRAM SOURCE OUT
#
# MANIFEST_PROGRAM is build/grader/class/handout-manifest, which checks the
# course (refusing a bad manifest with its line). --through LAB writes only
# the branches of the labs up to LAB in the course order: publish a branch
# only once the labs before it are past their deadlines. The source's files
# are its git-tracked and untracked-but-not-ignored files as they are in its
# work tree. --replace removes an OUT this script made before.
set -euo pipefail

replace=0
through=
while [ $# -gt 0 ]; do
  case $1 in
  --replace) replace=1; shift ;;
  --through) through=${2:?--through takes a lab}; shift 2 ;;
  *) break ;;
  esac
done
[ $# -eq 3 ] || { sed -n '11p' "$0" | sed 's/^# *//' >&2; exit 2; }
manifest_program=$1
src=$(cd "$2" && pwd)
out=$3
here=$(cd "$(dirname "$0")" && pwd)

# The labs that get a branch, in teaching order, up to --through.
course=$("$manifest_program" --course "$src")
mapfile -t labs < <(awk '$1 == "lab" && $3 == "branch" { print $2 }' <<<"$course")
if [ -n "$through" ]; then
  cut=()
  for l in "${labs[@]}"; do
    cut+=("$l")
    [ "$l" = "$through" ] && break
  done
  [ "${cut[-1]}" = "$through" ] || {
    echo "handout: --through $through: not a lab of labs/course with a manifest (${labs[*]})" >&2
    exit 2
  }
  labs=("${cut[@]}")
fi

# A marker tells an OUT of ours from anything else a typo might name.
if [ -e "$out" ]; then
  if [ $replace -eq 1 ] && [ -f "$out/.git/rvlab-handout" ]; then
    rm -rf "$out"
  else
    echo "handout: $out exists; give a new directory" >&2
    exit 2
  fi
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
out=$(cd "$out" && pwd)
git init -q "$out"
touch "$out/.git/rvlab-handout"
# Every git command on OUT names it; the source's git is left alone.
og() { git --git-dir="$out/.git" "$@"; }
export GIT_AUTHOR_NAME=${GIT_AUTHOR_NAME:-rvlab} GIT_AUTHOR_EMAIL=${GIT_AUTHOR_EMAIL:-rvlab@localhost}
export GIT_COMMITTER_NAME=${GIT_COMMITTER_NAME:-rvlab} GIT_COMMITTER_EMAIL=${GIT_COMMITTER_EMAIL:-rvlab@localhost}
origin=$(git -C "$src" rev-parse --short HEAD 2>/dev/null || echo unknown)

# The instructor's files; a tracked file deleted in the work tree is not one.
(cd "$src" && git ls-files --cached --others --exclude-standard |
  while IFS= read -r f; do [ -e "$f" ] && printf '%s\n' "$f"; done) >"$work/files"

for lab in "${labs[@]}"; do
  tree=$work/tree-$lab
  mkdir -p "$tree"
  "$manifest_program" --course "$src" --branch "$lab" <"$work/files" >"$work/plan-$lab"
  while IFS=$'\t' read -r action path from _; do
    case $action in
    keep) (cd "$src" && cp -p --parents "$path" "$tree/") ;;
    copy)
      mkdir -p "$(dirname "$tree/$path")"
      cp "$src/$from" "$tree/$path"
      ;;
    esac
  done <"$work/plan-$lab"
  python3 "$here/handout_branch.py" "$src" "$tree" "$lab" <<<"$course"

  index=$work/index-$lab
  GIT_INDEX_FILE=$index og --work-tree="$tree" add -A
  tree_id=$(GIT_INDEX_FILE=$index og write-tree)
  commit=$(og commit-tree "$tree_id" -m "rvlab: the $lab lab, as handed out (from rvlab $origin)")
  og update-ref "refs/heads/$lab" "$commit"
  echo "handout: branch $lab ($(og rev-parse --short "$commit"))"
done

# Check out the first lab of the course, so OUT opens on a working tree.
og symbolic-ref HEAD "refs/heads/${labs[0]}"
og --work-tree="$out" reset -q --hard
