"""Time one `mitoaki build` by stage and sample its memory: the quick check beside bench_scale.py.

    python benchmarks/bench_build.py RECORDS_DIR OUT_DIR

Runs the build in a subprocess on a records folder (e.g. one written by ``synth.py``) without a
corpus, prints the seconds of each stage (from the build's progress messages), the whole build,
and the peak memory: the largest sum of PSS over the build's processes (itself, HermiT's JVM,
the record parsers and the export worker), sampled every 0.2 s or, for a large build, less
often (a sample may take 5% of the time: ``bench_scale.sample_pause``). No question or
endpoint phase: for a size too large for ``bench_scale.py``'s full suite (100k studies).

Give each run a new ``OUT``: a build replaces an existing release and deletes its files (34k at
10k studies), and on ext4 without a journal (this project's machine) creating files within a
few minutes of deleting many is slow and erratic (the kernel's ``recently_deleted`` check scans
every such inode), so back-to-back builds into one folder time the file system.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

from bench_scale import (  # the same /proc sampling as the scale suite
    _descendants,
    _pss_mb,
    sample_pause,
)

CHILD = """
import sys, time
from pathlib import Path
from mitoaki.build import BuildOptions, build
start = last = time.perf_counter()
previous = None
def progress(message):
    global last, previous
    now = time.perf_counter()
    if previous:
        print(f"{now - last:9.2f}  {previous}", flush=True)
    previous, last = message, now
build(BuildOptions(out=Path(sys.argv[2]), records_dir=Path(sys.argv[1])), progress=progress)
now = time.perf_counter()
print(f"{now - last:9.2f}  {previous}")
print(f"{now - start:9.2f}  whole build", flush=True)
"""


def main() -> int:
    """Run the build, print its stages and peak memory; return its exit status."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("records", type=Path)
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    if args.out.exists():
        print(
            f"warning: {args.out} exists; its files are deleted at the end of the build, which "
            "slows the next builds' file creation on some file systems (see --help)",
            file=sys.stderr,
        )
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(args.records), str(args.out)], env=env
    )
    peak, samples, sampling = 0.0, 0, 0.0
    while process.poll() is None:
        started = time.perf_counter()
        tree = [process.pid, *_descendants(process.pid)]
        peak = max(peak, sum(_pss_mb(p) for p in tree))
        took = time.perf_counter() - started
        samples, sampling = samples + 1, sampling + took
        time.sleep(sample_pause(took, 0.2))
    print(f"peak memory (summed PSS of the build's processes): {peak:.0f} MiB")
    print(f"memory sampling: {samples} samples, {sampling:.1f} s spent reading them")
    return process.returncode


if __name__ == "__main__":
    sys.exit(main())
