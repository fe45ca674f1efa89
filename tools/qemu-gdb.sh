#!/bin/sh
# Start QEMU stopped, waiting for GDB on the port given first; the rest of
# the arguments are the QEMU command line. Used by `ninja qemu-gdb`.
port=$1
shift
echo "*** QEMU waits for GDB on tcp port $port."
echo "*** In another terminal, in the build directory: gdb-multiarch (it reads .gdbinit)"
exec "$@" -S -gdb tcp:127.0.0.1:"$port"
