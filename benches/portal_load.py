#!/usr/bin/env python3
"""Loopback load test of the portal: median and 99th-percentile latency and
requests per second of each page kind, over many pages of a real store.

    cargo build --release -p chronicle
    target/release/chronicle ingest --db /tmp/portal-cep.db --events ../shared/data/cep/events-2002-2018.jsonl.gz
    python3 benches/portal_load.py --db /tmp/portal-cep.db

Each page kind is measured over a list of paths drawn at random (seeded)
from the store, not over one cached page: 2,000 event ids, 2,000 dates
with a day, 2,000 entity names, the 20 entities with most events, 1,000
search words of five letters or more taken from random summaries, 1,000
pairs of entities that share an event (dyad pages), and the status page.
A wrk script requests a random path of the list each time.

The script starts `chronicle serve` on a loopback address, gives each kind
a warm-up run and then a measured run of wrk (bounded in time; wrk's own
timeout counts a request that takes longer as an error), and stops the
server. It needs wrk (Debian: `apt-get install wrk`). Everything it sends
goes to 127.0.0.1.
"""
import argparse
import os
import random
import re
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

# Requests a random path of the file named by $PATHS, the same sequence on
# every run.
WRK_SCRIPT = """
local paths = {}
for line in io.lines(os.getenv("PATHS")) do paths[#paths + 1] = line end
math.randomseed(42)
request = function() return wrk.format("GET", paths[math.random(#paths)]) end
"""

KINDS = ["event", "day", "entity", "entity-largest", "search", "dyad", "status"]


def quote(segment):
    return urllib.parse.quote(segment, safe="")


def draw_paths(db, seed):
    """Paths of every kind, drawn from the store at `db`."""
    rng = random.Random(seed)
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    ids = [r[0] for r in conn.execute("SELECT id FROM events ORDER BY seq")]
    days = [r[0] for r in conn.execute("SELECT DISTINCT date FROM events WHERE length(date) = 10 ORDER BY date")]
    names = [r[0] for r in conn.execute("SELECT DISTINCT name FROM event_entities ORDER BY name")]
    largest = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM event_entities GROUP BY name COLLATE NOCASE ORDER BY count(*) DESC, name LIMIT 20"
        )
    ]
    summaries = [r[0] for r in conn.execute("SELECT summary FROM events ORDER BY seq")]
    words = []
    for summary in rng.sample(summaries, min(len(summaries), 3000)):
        found = [w for w in re.findall(r"[^\W\d_]+", summary) if len(w) >= 5]
        if found:
            words.append(rng.choice(found).lower())
        if len(words) == 1000:
            break
    pairs = []
    for event_id in rng.sample(ids, min(len(ids), 5000)):
        names_of = [r[0] for r in conn.execute("SELECT name FROM event_entities WHERE event_id = ?", (event_id,))]
        if len(names_of) >= 2:
            a, b = rng.sample(names_of, 2)
            pairs.append((a, b))
        if len(pairs) == 1000:
            break
    conn.close()
    return {
        "event": [f"/event/{quote(i)}" for i in rng.sample(ids, min(len(ids), 2000))],
        "day": ["/news/" + d.replace("-", "/") for d in rng.sample(days, min(len(days), 2000))],
        "entity": [f"/entity/{quote(n)}" for n in rng.sample(names, min(len(names), 2000))],
        "entity-largest": [f"/entity/{quote(n)}" for n in largest],
        "search": [f"/search?q={urllib.parse.quote_plus(w)}" for w in words],
        "dyad": [f"/dyad/{quote(a)}/{quote(b)}" for a, b in pairs],
        "status": ["/status"],
    }


def wait_until_up(url, server, seconds=120):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if server.poll() is not None:
            sys.exit(f"chronicle serve exited with {server.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except OSError:
            time.sleep(0.2)
    sys.exit(f"chronicle serve did not answer at {url} within {seconds} s")


def to_ms(text):
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def run_wrk(url, paths_file, script, args, seconds):
    command = [
        "wrk",
        f"-t{args.threads}",
        f"-c{args.connections}",
        f"-d{seconds}s",
        f"--timeout={args.timeout}s",
        "--latency",
        "-s",
        script,
        url,
    ]
    out = subprocess.run(command, env={**os.environ, "PATHS": paths_file}, capture_output=True, text=True).stdout
    return out


def parse_wrk(out):
    p50 = re.search(r"^\s+50%\s+(\S+)", out, re.M)
    p99 = re.search(r"^\s+99%\s+(\S+)", out, re.M)
    rate = re.search(r"^Requests/sec:\s+([\d.]+)", out, re.M)
    total = re.search(r"^\s+(\d+) requests in", out, re.M)
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    return {
        "p50": to_ms(p50.group(1)) if p50 else float("nan"),
        "p99": to_ms(p99.group(1)) if p99 else float("nan"),
        "rate": float(rate.group(1)) if rate else 0.0,
        "requests": int(total.group(1)) if total else 0,
        "non2xx": int(bad.group(1)) if bad else 0,
        "errors": sum(int(g) for g in errors.groups()) if errors else 0,
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", required=True, help="the store to serve")
    ap.add_argument("--bin", default="target/release/chronicle")
    ap.add_argument("--addr", default="127.0.0.1:18181", help="a loopback address to serve on")
    ap.add_argument("--kinds", default=",".join(KINDS), help=f"comma-separated, of {', '.join(KINDS)}")
    ap.add_argument("--duration", type=int, default=15, help="seconds of each measured run")
    ap.add_argument("--warmup", type=int, default=3, help="seconds of the run before each measured one")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--connections", type=int, default=8)
    ap.add_argument("--timeout", type=int, default=2, help="seconds after which wrk counts a request as failed")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--keep-paths", help="also write the path lists to this folder")
    args = ap.parse_args()
    host = args.addr.rsplit(":", 1)[0]
    if host not in ("127.0.0.1", "localhost", "[::1]"):
        sys.exit("--addr must be a loopback address")
    kinds = [k for k in args.kinds.split(",") if k]
    unknown = [k for k in kinds if k not in KINDS]
    if unknown:
        sys.exit(f"unknown kinds: {', '.join(unknown)}")

    load_before = os.getloadavg()[0]
    paths = draw_paths(args.db, args.seed)
    url = f"http://{args.addr}"
    server = subprocess.Popen([args.bin, "serve", "--db", args.db, "--addr", args.addr], stderr=subprocess.DEVNULL)
    try:
        wait_until_up(url + "/", server)
        with tempfile.TemporaryDirectory() as tmp:
            script = os.path.join(tmp, "paths.lua")
            with open(script, "w") as f:
                f.write(WRK_SCRIPT)
            rows = []
            for kind in kinds:
                paths_file = os.path.join(tmp, f"{kind}.txt")
                with open(paths_file, "w") as f:
                    f.write("\n".join(paths[kind]) + "\n")
                if args.keep_paths:
                    os.makedirs(args.keep_paths, exist_ok=True)
                    with open(os.path.join(args.keep_paths, f"{kind}.txt"), "w") as f:
                        f.write("\n".join(paths[kind]) + "\n")
                if args.warmup > 0:
                    run_wrk(url, paths_file, script, args, args.warmup)
                result = parse_wrk(run_wrk(url, paths_file, script, args, args.duration))
                rows.append((kind, len(paths[kind]), result))
                print(
                    f"{kind}: p50 {result['p50']:.2f} ms, p99 {result['p99']:.2f} ms, "
                    f"{result['rate']:.1f} req/s, {result['requests']} requests, "
                    f"{result['non2xx']} non-2xx, {result['errors']} errors",
                    file=sys.stderr,
                    flush=True,
                )
    finally:
        server.terminate()
        server.wait()
    # Other work on the machine skews the tails: say how busy it was.
    print(f"load average (1 min): {load_before:.2f} at the start, {os.getloadavg()[0]:.2f} at the end; "
          f"wrk -t{args.threads} -c{args.connections} "
          f"-d{args.duration}s after a {args.warmup} s warm-up")
    print("| page | paths | p50 | p99 | req/s | requests | non-2xx | errors |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for kind, n, r in rows:
        print(
            f"| {kind} | {n:,} | {r['p50']:.2f} ms | {r['p99']:.2f} ms | {r['rate']:,.1f} | "
            f"{r['requests']:,} | {r['non2xx']} | {r['errors']} |"
        )


if __name__ == "__main__":
    main()
