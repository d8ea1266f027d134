"""Scale-out: sentences/s with one process and with worker processes, and a Dask LocalCluster, on one corpus.

Uses the generated corpus of ``coding_throughput.py`` (default 5 MB, no paragraph repeats). Times are wall clock
from the file list to validated frames: one process is ``analystkit.code``; the workers include starting the
spawned processes; the Dask time includes starting and closing the LocalCluster (two processes, one thread each)
and writing and reading back the partitioned Parquet dataset. Prints figures, asserts nothing.

    python benchmarks/scaleout.py [--mb 5] [--seed 7] [--workers 2] [--no-dask]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from coding_throughput import generate  # noqa: E402


def main() -> None:
    import analystkit
    from analystkit.parallel import code_dask, code_parallel, read_partitioned

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=5.0, help="corpus size in MB (default 5)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--chunk-files", type=int, default=50)
    ap.add_argument("--no-dask", action="store_true", help="skip the Dask LocalCluster run")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="analystkit-scaleout-"))
    try:
        corpus = tmp / "corpus"
        corpus.mkdir()
        files, nbytes = generate(corpus, args.mb, args.seed)
        print(f"corpus: {nbytes / 1e6:.2f} MB in {files} files; {os.cpu_count()} CPUs")
        lex = analystkit.load_lexicon()

        start = time.perf_counter()
        one = analystkit.code([corpus], lexicon=lex, progress=False)
        t1 = time.perf_counter() - start
        n = len(one.sentences)
        print(f"1 process  : {t1:6.2f} s   {n / t1:9,.0f} sentences/s   ({n:,} sentences, {len(one.events):,} events)")

        start = time.perf_counter()
        many = code_parallel([corpus], workers=args.workers, lexicon=lex, chunk_files=args.chunk_files)
        tn = time.perf_counter() - start
        same = len(many.sentences) == n and len(many.events) == len(one.events)
        print(f"{args.workers} workers  : {tn:6.2f} s   {n / tn:9,.0f} sentences/s   (same counts: {same}; "
              f"includes spawning workers)")
        print(f"speed-up   : {t1 / tn:.2f}x with {args.workers} workers (target 1.8x on 2 cores)")

        if not args.no_dask:
            start = time.perf_counter()
            folder = code_dask([corpus], scheduler="local", out=tmp / "dataset", partition_files=args.chunk_files,
                               lexicon=lex)
            back = read_partitioned(folder)
            td = time.perf_counter() - start
            print(f"dask local : {td:6.2f} s   {n / td:9,.0f} sentences/s   (2 worker processes, includes cluster "
                  f"start-up and close, Parquet write and read-back; same counts: {len(back.sentences) == n})")
            print(f"dask vs processes: {td / tn:.2f}x the time of {args.workers} plain worker processes")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
