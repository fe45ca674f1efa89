#!/bin/sh
# QEMU as Ubuntu 22.04's 6.2 presents the hart: without the Sstc extension.
# For `grade --qemu tools/qemu-nosstc.sh ...`, to grade a lab on the
# machine-mode timer the kernel falls back to there (kernel/arch/timer.c).
# Needs QEMU 7.1 or later: an older one has no Sstc to turn off (and no
# property for it), so grade with it as it is.
exec "${RVLAB_QEMU:-qemu-system-riscv64}" "$@" -cpu rv64,sstc=off
