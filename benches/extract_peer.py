#!/usr/bin/env python3
"""Extraction speed of `chronicle extract` beside Python trafilatura, on the
same pages in the same session.

    pip install trafilatura lxml_html_clean
    cargo build --release
    python3 benches/extract_peer.py ../shared/data/extraction/trafilatura-eval/html

Both read the same decompressed pages from a temporary folder. Chronicle runs
as one batch command (it uses every core); trafilatura runs in one process
(one core) and, for a like-for-like figure, in a pool of as many processes
as there are cores. Each is run `--rounds` times and the best round counts.

To weigh a change to chronicle instead, give the build before it as
`--baseline OLD_BINARY` and skip the peer with `--no-peer`: the two builds
then run in turns, round after round, so both see the same load.
"""
import argparse
import glob
import gzip
import multiprocessing
import os
import subprocess
import tempfile
import time


def unpack(src, dst):
    paths = []
    for path in sorted(glob.glob(os.path.join(src, "*"))):
        name = os.path.basename(path)
        opener = gzip.open if name.endswith(".gz") else open
        with opener(path, "rb") as f:
            data = f.read()
        out = os.path.join(dst, name[:-3] if name.endswith(".gz") else name)
        with open(out, "wb") as f:
            f.write(data)
        paths.append(out)
    return paths


def chronicle(binary, paths):
    start = time.perf_counter()
    proc = subprocess.run([binary, "extract", "--json", *paths], capture_output=True)
    wall = time.perf_counter() - start
    docs = sum(1 for line in proc.stdout.split(b"\n") if b'"text":' in line and b'"error":' not in line)
    return wall, docs


def trafilatura_one(path):
    import trafilatura
    with open(path, "rb") as f:
        html = f.read()
    return trafilatura.extract(html, output_format="json", with_metadata=True) is not None


def trafilatura_all(paths, processes):
    start = time.perf_counter()
    if processes == 1:
        done = sum(trafilatura_one(p) for p in paths)
    else:
        with multiprocessing.Pool(processes) as pool:
            done = sum(pool.map(trafilatura_one, paths, chunksize=8))
    return time.perf_counter() - start, done


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("pages")
    ap.add_argument("--bin", default="target/release/chronicle")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--baseline", help="another chronicle binary (the build before a change), timed in turns")
    ap.add_argument("--no-peer", action="store_true", help="skip trafilatura")
    args = ap.parse_args()
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as tmp:
        paths = unpack(args.pages, tmp)
        n = len(paths)
        runs = {"chronicle extract (batch, all cores)": lambda: chronicle(os.path.abspath(args.bin), paths)}
        if args.baseline:
            runs["baseline chronicle extract"] = lambda: chronicle(os.path.abspath(args.baseline), paths)
        if not args.no_peer:
            trafilatura_one(paths[0])  # import and warm up outside the timing
            runs["trafilatura (1 process)"] = lambda: trafilatura_all(paths, 1)
            runs[f"trafilatura ({cores} processes)"] = lambda: trafilatura_all(paths, cores)
        best = {name: (float("inf"), 0) for name in runs}
        # Round after round, each run in turn: a change of load hits all alike.
        for _ in range(args.rounds):
            for name, run in runs.items():
                best[name] = min(best[name], run(), key=lambda r: r[0])
    print(f"pages {n}, cores {cores}, best of {args.rounds} rounds")
    base = n / best["chronicle extract (batch, all cores)"][0]
    for name, (wall, docs) in best.items():
        rate = n / wall
        print(f"{name:<40} {wall:7.2f} s  {rate:8.1f} pages/s  output for {docs} pages  chronicle is {base / rate:5.2f}x")


if __name__ == "__main__":
    main()
