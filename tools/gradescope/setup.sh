#!/usr/bin/env bash
# Gradescope's setup step for an rvlab autograder (docs/teaching.md): runs
# once, as root, on Gradescope's Ubuntu 22.04 base image, with this bundle
# unpacked in /autograder/source. Installs what building and grading need,
# all of it from Ubuntu's packages and PyPI, then builds the pristine tree
# once, so each submission rebuilds only its own kernel.
set -euo pipefail

export DEBIAN_FRONTEND=noninteractive
apt-get update -q
# Ubuntu 22.04's QEMU is 6.2, whose harts have no Sstc: the kernel finds that
# out at boot and takes its timer tick from machine mode (kernel/arch/timer.c).
apt-get install -y -q --no-install-recommends \
  ninja-build gcc-riscv64-unknown-elf qemu-system-misc libcriterion-dev libssl-dev \
  pkg-config python3 python3-pip git ca-certificates build-essential
# rvlab needs Meson >= 1.0; Ubuntu 22.04 has 0.61. Meson is pure Python, so
# pip installs it as it is, compiling nothing.
pip3 install --no-cache-dir 'meson>=1.0,<2'

cd "${RVLAB_AUTOGRADER_ROOT:-/autograder}/source"
# Anything still missing or too old is named here, not in a failed build.
./rvlab check
meson setup build --cross-file cross/riscv64-unknown-elf.ini -Dlab="$(cat GRADESCOPE_LAB)"
ninja -C build fs.img grader/class/grade-class
