#!/usr/bin/env bash
# The check `./rvlab` runs before it configures: with stand-ins for meson,
# ninja, the cross compiler and QEMU on a PATH of their own, each missing or
# too old tool must stop it with a line naming what to install, and a
# complete set must pass. usage: rvlab_check.sh SOURCE_ROOT
set -u
root=$1
bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
failures=0

# What rvlab itself runs besides the tools under test.
for tool in bash dirname grep head cat sed; do
  ln -s "$(command -v "$tool")" "$bin/$tool"
done

# fake NAME OUTPUT: a program that prints OUTPUT for --version.
fake() {
  printf '#!/bin/sh\necho "%s"\n' "$2" >"$bin/$1"
  chmod +x "$bin/$1"
}

all_good() {
  fake meson "1.0.1"
  fake ninja "1.11.1"
  fake riscv64-unknown-elf-gcc "riscv64-unknown-elf-gcc () 12.2.0"
  fake qemu-system-riscv64 "QEMU emulator version 6.2.0 (Debian 1:6.2+dfsg-2ubuntu6)"
}

# expect NAME STATUS TEXT: ./rvlab check exits with STATUS and, unless TEXT
# is empty, prints TEXT.
expect() {
  local out status
  out=$(PATH=$bin "$bin/bash" "$root/rvlab" check 2>&1)
  status=$?
  if [ "$status" -ne "$2" ] || ! grep -qF -- "$3" <<<"$out"; then
    echo "FAIL $1: exit $status (want $2), output:"
    echo "$out"
    echo "(want a line with: $3)"
    failures=$((failures + 1))
  else
    echo "ok $1"
  fi
}

all_good
expect complete_set_passes 0 "all there"

fake qemu-system-riscv64 "QEMU emulator version 5.2.0"
expect old_qemu_named 1 "qemu-system-riscv64 5.2.0 is older than 6.2"
expect old_qemu_names_package 1 "install a newer qemu-system-misc"
rm "$bin/qemu-system-riscv64"
expect missing_qemu_names_package 1 "install package qemu-system-misc"

all_good
fake meson "0.61.2"
expect old_meson_named 1 "meson 0.61.2 is older than 1.0"
rm "$bin/meson"
expect missing_meson_names_package 1 "meson is missing: install package meson"

all_good
rm "$bin/riscv64-unknown-elf-gcc"
expect missing_compiler_names_package 1 "install package gcc-riscv64-unknown-elf"

all_good
rm "$bin/ninja"
expect missing_ninja_names_package 1 "install package ninja-build"

# Two problems at once: both are said, not only the first.
all_good
rm "$bin/ninja"
fake qemu-system-riscv64 "QEMU emulator version 4.2.1"
expect two_problems_first 1 "install package ninja-build"
expect two_problems_second 1 "qemu-system-riscv64 4.2.1 is older"

exit $((failures > 0))
