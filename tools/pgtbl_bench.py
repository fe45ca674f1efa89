#!/usr/bin/env python3
"""The pgtbl lab's benchmark in one run (`ninja -C build bench-pgtbl`): boots
each kernel named, one after the other, runs superbench there through the
grader (labs/pgtbl/bench), and prints one Markdown table with the cycles of
each kernel and their ratio to the first, and the counts that say what the
TLB faces (leaf PTEs over the heap, page-table pages and superpages
allocated to grow it). Cycles are rdcycle's under QEMU: compare the ratios
of one run, not absolute numbers across machines.

    pgtbl_bench.py GRADE FS RUBRIC MEMORY OUTDIR KERNEL...
"""
import os
import subprocess
import sys


def table(log):
    """superbench's rows from a console log: {MiB: [fields...]}."""
    rows, inside = {}, False
    for line in open(log, errors="replace"):
        fields = line.rstrip("\r\n").split("\t")
        if fields[0] == "MiB":
            inside = True
        elif inside and len(fields) == 6 and fields[0].isdigit():
            rows[int(fields[0])] = fields[1:]
        elif inside:
            break
    return rows


def main():
    grade, fsimg, rubric, memory, outdir = sys.argv[1:6]
    kernels = sys.argv[6:]
    results = {}
    for k in kernels:
        name = os.path.basename(k)
        logs = os.path.join(outdir, name)
        subprocess.run([grade, "--kernel", k, "--fs", fsimg, "--rubric", rubric, "--memory", memory,
                        "--log-dir", logs, "--quiet"], check=False)
        results[name] = table(os.path.join(logs, "superbench.log"))
        if not results[name]:
            sys.exit(f"pgtbl_bench: no table from {name} (log in {logs})")
    names = list(results)
    base = results[names[0]]
    print(f"superbench on a {memory} machine; cycles are medians of 3 runs, ratios to {names[0]}\n")
    print("| kernel | MiB | sbrk+touch cycles | ratio | fork+wait cycles | ratio | leaf PTEs "
          "| page-table pages | superpages |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for mib in sorted(base):
        for n in names:
            r = results[n].get(mib)
            if r is None or "-" in r:
                print(f"| {n} | {mib} | - | - | - | - | - | - | - |")
                continue
            b = base[mib]
            ratio = lambda i: f"{int(r[i]) / int(b[i]):.2f}" if b[i] != "-" else "-"
            print(f"| {n} | {mib} | {int(r[0]):,} | {ratio(0)} | {int(r[1]):,} | {ratio(1)} "
                  f"| {r[2]} | {r[3]} | {r[4]} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
