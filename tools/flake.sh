#!/usr/bin/env bash
# Flake count: grades each lab's correct kernel RUNS times, each time as a
# pair of gradings started together (two `grade --jobs 2` side by side, so
# four QEMUs on the host), and counts the gradings that did not score full
# marks: on a correct kernel every one of them is a false failure. Each
# grading is the command `meson test` runs for the lab's suite (taken from
# `meson introspect --tests`), with its own log directory and JSON.
#
#   tools/flake.sh BUILD RUNS [LAB...]
#
# With no LAB, every lab suite of BUILD. Prints one line per pair and a
# total per lab; the logs and JSON of every failed grading are kept under
# BUILD/flake/LAB/, the rest removed. Exit status 1 if any grading failed.
set -euo pipefail
[ $# -ge 2 ] || { sed -n '9p' "$0" | sed 's/^# *//' >&2; exit 2; }
build=$(cd "$1" && pwd)
runs=$2
shift 2
meson introspect "$build" --tests >"$build/flake-tests.json"
mapfile -t labs < <(python3 - "$build/flake-tests.json" "$@" <<'END'
import json, sys
tests = json.load(open(sys.argv[1]))
want = sys.argv[2:]
for t in tests:
    if t["name"].startswith("grade-") and (not want or t["name"][6:] in want):
        print(t["name"][6:])
END
)
# The lab's grading command, without the options each grading sets itself.
command_of() {
  python3 - "$build/flake-tests.json" "$1" <<'END'
import json, sys
t = next(t for t in json.load(open(sys.argv[1])) if t["name"] == "grade-" + sys.argv[2])
cmd, out, skip = t["cmd"], [], 0
for w in cmd:
    if skip:
        skip -= 1
    elif w in ("--log-dir", "--json"):
        skip = 1
    elif w != "--tap":
        out.append(w)
print("\0".join(out), end="")
END
}
score_of() { # json -> "SCORE MAX FAILED-CHECKS..."
  python3 - "$1" <<'END'
import json, sys
try:
    d = json.load(open(sys.argv[1]))
except Exception as e:
    print("0 1 no-results"); sys.exit()
bad = [t["name"] for t in d["tests"] if t["status"] != "passed"]
print("%g %g %s" % (d["score"], d["max_score"], " ".join(bad)))
END
}
status=0
for lab in "${labs[@]}"; do
  mapfile -d '' -t cmd < <(command_of "$lab")
  dir=$build/flake/$lab
  rm -rf "$dir"
  mkdir -p "$dir"
  bad=0
  for i in $(seq 1 "$runs"); do
    start=$(date +%s)
    for side in a b; do
      "${cmd[@]}" --quiet --log-dir "$dir/$i$side" --json "$dir/$i$side.json" >/dev/null 2>&1 &
    done
    wait
    line="$lab pair $i ($(($(date +%s) - start)) s):"
    for side in a b; do
      read -r score max failed <<<"$(score_of "$dir/$i$side.json")"
      if [ "$score" = "$max" ]; then
        line="$line $side $score/$max"
        rm -rf "${dir:?}/$i$side" "$dir/$i$side.json"
      else
        line="$line $side $score/$max FAILED: $failed"
        bad=$((bad + 1))
      fi
    done
    echo "$line"
  done
  echo "$lab: $bad false failures in $((2 * runs)) gradings ($runs pairs side by side)"
  [ $bad -eq 0 ] || status=1
done
exit $status
