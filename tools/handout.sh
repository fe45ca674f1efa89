#!/usr/bin/env bash
# Lab branches: writes OUT as a fresh git repository with one branch per lab
# that has a handout manifest (labs/<lab>/handout), each a single commit whose
# tree is what that lab's students get: the source's files, less what the
# manifest withholds, with its starters and replacements in place and a
# README.md made from the lab's handout. docs/teaching.md explains it.
#
#   tools/handout.sh [--replace] MANIFEST_PROGRAM SOURCE OUT
#
# MANIFEST_PROGRAM is build/grader/class/handout-manifest, which checks each
# manifest (refusing a bad one with its line) and prints it plainly. The
# source's files are its git-tracked and untracked-but-not-ignored files as
# they are in its work tree. --replace removes an OUT this script made before.
set -euo pipefail

replace=0
if [ "${1:-}" = --replace ]; then
  replace=1
  shift
fi
[ $# -eq 3 ] || { sed -n '8p' "$0" | sed 's/^# *//' >&2; exit 2; }
manifest_program=$1
src=$(cd "$2" && pwd)
out=$3

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

# The README that starts the student: the commands, the files to write, and
# the lab's handout from docs/labs/ with its links made relative to the root.
write_readme() { # lab readme-path withheld-list writes... > README.md
  local lab=$1 readme=$2 withheld=$3
  shift 3
  cat <<END
# rvlab: the $lab lab

This repository is rvlab as the $lab lab hands it out. Build, boot and grade:

    meson setup build --cross-file cross/riscv64-unknown-elf.ini
    ninja -C build qemu          # a shell on the console; \`poweroff\` quits
    meson test -C build          # the grading of labs/$lab/rubric, and unit tests
    ninja -C build submission    # build/submission.tar.gz: the files below, to hand in

You write these files; each starts as a starter that compiles and whose
comments say what to build and where to look. Only these files of a
submission are graded: the rubric, the tests and everything else are the
instructor's.

END
  for f in "$@"; do
    echo "- \`$f\`"
  done
  if [ -n "$readme" ]; then
    echo
    # Links of docs/labs/*.md are relative to docs/labs/; a link to a
    # withheld file keeps only its text.
    local unlink=()
    while read -r w; do
      unlink+=(-e "s#\[\([^]]*\)\](${w//./\\.})#\1#g")
    done <"$withheld"
    sed -e 's#](\.\./#](docs/#g' -e 's#](\([A-Za-z0-9_-]*\.md\))#](docs/labs/\1)#g' \
      "${unlink[@]}" "$src/$readme"
  fi
}

for manifest in "$src"/labs/*/handout; do
  directives=$work/directives
  "$manifest_program" --root "$src" "$manifest" >"$directives"
  lab=$(awk '$1 == "lab" { print $2 }' "$directives")
  readme=$(awk '$1 == "readme" { print $2 }' "$directives")
  tree=$work/tree-$lab
  mkdir -p "$tree"

  (cd "$src" && git ls-files -z --cached --others --exclude-standard |
    while IFS= read -r -d '' f; do
      # A tracked file deleted in the work tree is not part of it.
      if [ -e "$f" ]; then cp -p --parents "$f" "$tree/"; fi
    done)
  writes=()
  while read -r kind path _ from; do
    case $kind in
    withhold) rm -rf "${tree:?}/$path" ;;
    write)
      mkdir -p "$(dirname "$tree/$path")"
      cp "$src/labs/$lab/starter/$path" "$tree/$path"
      writes+=("$path")
      ;;
    replace)
      mkdir -p "$(dirname "$tree/$path")"
      cp "$src/$from" "$tree/$path"
      ;;
    esac
  done <"$directives"
  awk '$1 == "withhold" { print $2 }' "$directives" >"$work/withheld"
  write_readme "$lab" "$readme" "$work/withheld" "${writes[@]}" >"$tree/README.md"

  index=$work/index-$lab
  GIT_INDEX_FILE=$index og --work-tree="$tree" add -A
  tree_id=$(GIT_INDEX_FILE=$index og write-tree)
  commit=$(og commit-tree "$tree_id" -m "rvlab: the $lab lab, as handed out (from rvlab $origin)")
  og update-ref "refs/heads/$lab" "$commit"
  echo "handout: branch $lab ($(og rev-parse --short "$commit"))"
done

# Check out the first lab, so OUT opens on a working tree.
first=$(og for-each-ref --format='%(refname:short)' refs/heads | head -1)
og show-ref -q refs/heads/base && first=base
og symbolic-ref HEAD "refs/heads/$first"
og --work-tree="$out" reset -q --hard
