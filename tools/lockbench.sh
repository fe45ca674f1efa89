#!/bin/sh
# lockbench.sh GRADE FS RUBRIC OUTDIR KERNEL...: run lockbench (user/lockbench.c)
# on each kernel, one QEMU at a time so the kernels do not compete for the
# host's cores, and print one table: for each kernel and phase, with 1, 2 and
# 3 processes busy, acquires, spins, spins per 1,000 acquires and wall time.
# `ninja -C build lockbench` runs it on the lock lab's four correct kernels.
set -eu
grade=$1 fs=$2 rubric=$3 out=$4
shift 4
mkdir -p "$out"
echo "| kernel | phase | busy | acquires | spins | spins per 1,000 | ticks |"
echo "| --- | --- | --- | --- | --- | --- | --- |"
for kernel in "$@"; do
  name=$(basename "$kernel")
  "$grade" --quiet --kernel "$kernel" --fs "$fs" --rubric "$rubric" \
    --log-dir "$out/$name" >/dev/null 2>&1 || true
  # lockbench: kmem 2 busy: 40012 acquires 3 spins 0 per-1000 12 ticks
  sed -n 's/^lockbench: \([a-z]*\) \([0-9]*\) busy: \([0-9]*\) acquires \([0-9]*\) spins \([0-9]*\) per-1000 \([0-9]*\) ticks.*/| '"$name"' | \1 | \2 | \3 | \4 | \5 | \6 |/p' \
    "$out/$name/bench.log"
done
