#!/usr/bin/env python3
"""Ingest time per batch as the store grows: does the cost per 1,000
articles stay flat?

    cargo build --release
    python3 benches/ingest_scaling.py ../shared/data/extraction/trafilatura-eval/html --total 200000 --batch 10000

The corpus is made from real pages: `chronicle extract` reads the shared
pages once, and each synthetic article is one of their texts under a new
dateline (a date spread over years and a serial number), so every article
is distinct, dated, and keeps realistic text. Batches are ingested one
after another into one store; the table gives seconds and articles per
second for each batch, the store's size in documents before it, and the
CPU seconds per 1,000 (user and system), the steadier figure when other
work shares the machine, and the events the store holds after the batch.

Each page text recurs under many datelines, a few of them within a year
of each other: the clusterer of ingest gathers such copies, as it should
identical reports, so the store holds fewer events than articles.
"""
import re
import argparse
import datetime
import json
import os
import resource
import subprocess
import tempfile
import time


def texts(binary, pages):
    out = subprocess.run([binary, "extract", "--json", pages], capture_output=True).stdout.decode()
    found = []
    for line in out.split("\n"):
        if not line.strip():
            continue
        record = json.loads(line)
        if record.get("text") and len(record["text"]) > 400:
            found.append((record.get("title") or "Report", record["text"]))
    return found


def children_cpu():
    """CPU seconds (user and system) of the finished child processes: on a
    machine shared with other work this moves far less than wall time."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def write_batch(folder, corpus, start, count):
    os.makedirs(folder, exist_ok=True)
    day0 = datetime.date(2010, 1, 1)
    for n in range(start, start + count):
        title, text = corpus[n % len(corpus)]
        day = day0 + datetime.timedelta(days=(n * 7) % 5000)
        body = f"{title}\n\n{day:%B %d, %Y}\n\nReport {n}.\n\n{text}\n"
        with open(os.path.join(folder, f"a{n:07d}.txt"), "w", encoding="utf-8") as f:
            f.write(body)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("pages")
    ap.add_argument("--bin", default="target/release/chronicle")
    ap.add_argument("--total", type=int, default=200000)
    ap.add_argument("--batch", type=int, default=10000)
    args = ap.parse_args()
    binary = os.path.abspath(args.bin)
    corpus = texts(binary, args.pages)
    print(f"{len(corpus)} page texts; {args.total} articles in batches of {args.batch}")
    print(
        f"{'stored before':>14} {'seconds':>8} {'articles/s':>11} {'s per 1,000':>12} {'CPU s per 1,000':>16} {'events':>8}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "chronicle.db")
        for start in range(0, args.total, args.batch):
            folder = os.path.join(tmp, f"batch{start}")
            write_batch(folder, corpus, start, args.batch)
            began, cpu_began = time.perf_counter(), children_cpu()
            proc = subprocess.run([binary, "ingest", "--db", db, folder], capture_output=True)
            wall, cpu = time.perf_counter() - began, children_cpu() - cpu_began
            if proc.returncode not in (0, 1):
                raise SystemExit(proc.stderr.decode()[-2000:])
            subprocess.run(["rm", "-rf", folder])
            per_1000 = 1000 / args.batch
            events = re.search(r"(\d+) events", proc.stderr.decode())
            print(
                f"{start:>14} {wall:>8.1f} {args.batch / wall:>11.1f} {wall * per_1000:>12.2f} {cpu * per_1000:>16.2f}"
                f" {events.group(1) if events else '?':>8}",
                flush=True,
            )


if __name__ == "__main__":
    main()
