#!/usr/bin/env python3
"""Boot a kernel under QEMU, type commands at the `$ ` prompts, and print
every console line with the host wall time at which it arrived (seconds
since QEMU started) and the gap since the previous line. For profiling
where a grading run's time goes (docs/profile.md); the grader itself never
uses this.

  tools/console_times.py KERNEL FS.IMG 'usertests -q' [more commands...]

Options (before the kernel): --machine PROGRAM (build/grader/machine, which
gives the one machine's QEMU command line, grader/machine.c), --qemu
PROGRAM, --cpus N, --memory SIZE (the machine's defaults when not given),
--timeout SECONDS (whole run, default 900), --drive-opts OPTS (appended
to the -drive option, e.g. aio=io_uring), --qemu-arg ARG (repeatable). The image is copied first, so
FS.IMG is never written."""
import argparse, os, pty, select, shutil, subprocess, sys, tempfile, time


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--machine", default=os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "build", "grader", "machine"))
    ap.add_argument("--qemu")
    ap.add_argument("--cpus")
    ap.add_argument("--memory")
    ap.add_argument("--timeout", type=float, default=900)
    ap.add_argument("--drive-opts", default="")
    ap.add_argument("--qemu-arg", action="append", default=[])
    ap.add_argument("kernel")
    ap.add_argument("image")
    ap.add_argument("commands", nargs="*")
    a = ap.parse_args()
    tmp = tempfile.mkdtemp()
    img = os.path.join(tmp, "fs.img")
    shutil.copyfile(a.image, img)
    master, slave = pty.openpty()
    given = [w for opt in ("qemu", "cpus", "memory") if getattr(a, opt)
             for w in ("--" + opt, getattr(a, opt))]
    cmd = subprocess.run([a.machine, *given, "--kernel", a.kernel, "--fs", img, "--print"],
                         check=True, capture_output=True, text=True).stdout.splitlines()
    if a.drive_opts:
        cmd = [w + "," + a.drive_opts if w.startswith("file=") else w for w in cmd]
    cmd += a.qemu_arg
    start = time.monotonic()
    q = subprocess.Popen(cmd, stdin=slave, stdout=slave, stderr=subprocess.DEVNULL,
                         start_new_session=True)
    os.close(slave)
    todo = list(a.commands) + ["poweroff"]
    buf, last = b"", start
    try:
        while time.monotonic() - start < a.timeout:
            r, _, _ = select.select([master], [], [], 1.0)
            if not r:
                if q.poll() is not None:
                    break
                continue
            try:
                data = os.read(master, 4096)
            except OSError:
                break
            buf += data.replace(b"\r", b"")
            while b"\n" in buf:
                line, buf = buf.split(b"\n", 1)
                t = time.monotonic()
                print(f"{t - start:8.2f} {t - last:7.2f}  {line.decode(errors='replace')}")
                last = t
            if buf.endswith(b"$ ") and todo:
                os.write(master, todo.pop(0).encode() + b"\r")
                buf = b""
    finally:
        if q.poll() is None:
            q.kill()
        q.wait()
        shutil.rmtree(tmp)
    print(f"{time.monotonic() - start:8.2f}  (end, QEMU status {q.returncode})")


if __name__ == "__main__":
    sys.exit(main())
