#!/usr/bin/env bash
# Gradescope's setup step for an rvlab autograder (docs/teaching.md): runs
# once, as root, on Gradescope's Ubuntu 22.04 base image, with this bundle
# unpacked in /autograder/source. Installs what building and grading need,
# then builds the pristine tree once, so each submission rebuilds only its
# own kernel.
set -euo pipefail

export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends \
  ninja-build gcc-riscv64-unknown-elf libcriterion-dev pkg-config python3 python3-pip \
  git ca-certificates build-essential
# rvlab needs Meson >= 1.0; Ubuntu 22.04 has 0.61.
pip3 install --no-cache-dir 'meson>=1.0,<2'

# The kernel starts its timer through the Sstc extension, which QEMU has
# from 7.1 on; Ubuntu 22.04 has 6.2, so build QEMU's RISC-V machine.
if ! qemu-system-riscv64 --version 2>/dev/null | grep -Eq 'version ([89]|7\.[1-9])'; then
  apt-get install -y -q --no-install-recommends libglib2.0-dev libpixman-1-dev wget xz-utils \
    bzip2 flex bison
  pip3 install --no-cache-dir tomli
  cd /tmp
  wget -q https://download.qemu.org/qemu-8.2.2.tar.xz
  tar xf qemu-8.2.2.tar.xz
  cd qemu-8.2.2
  ./configure --target-list=riscv64-softmmu --disable-docs --disable-werror
  make -j"$(nproc)"
  make install
  cd /
  rm -rf /tmp/qemu-8.2.2 /tmp/qemu-8.2.2.tar.xz
fi

cd "${RVLAB_AUTOGRADER_ROOT:-/autograder}/source"
meson setup build --cross-file cross/riscv64-unknown-elf.ini -Dlab="$(cat GRADESCOPE_LAB)"
ninja -C build fs.img grader/class/grade-class
