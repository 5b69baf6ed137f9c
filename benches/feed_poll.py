#!/usr/bin/env python3
"""Polling feeds served on the loopback address: what a first poll, an
unchanged poll (304) and a full re-read of known entries cost, and what a
feed of summary-only entries costs when each links to its article page.

    python3 benches/feed_poll.py [--entries 500] [--bin target/release/chronicle]

A static server (Python's http.server, which answers If-Modified-Since
with 304) serves generated files from a temporary folder on 127.0.0.1;
every article is of our own making. Each command runs once; wall times are
printed as a Markdown table.
"""

import argparse
import functools
import http.server
import os
import subprocess
import tempfile
import threading
import time

PLACES = ["Freedonia", "Sylvania", "Marsovia", "Ruritania", "Grand Fenwick", "Latveria"]
DEEDS = ["expelled two diplomats of", "signed a trade agreement with", "held border talks with",
         "released four prisoners held by", "imposed sanctions on the central bank of"]


def report(i):
    a, b = PLACES[i % 6], PLACES[(i // 6 + i + 1) % 6]
    return (f"{a} {DEEDS[i % 5]} {b} on Monday, March {1 + i % 28}, 2031, officials said in "
            f"dispatch {i}. The move follows weeks of tension over the river border.")


def atom(n):
    entries = "".join(
        f"<entry><id>urn:bench:{i}</id><title>Dispatch {i}</title><updated>2031-03-03T08:00:00Z</updated>"
        f"<link href=\"https://wire.example/{i}\"/><content type=\"html\">&lt;p&gt;{report(i)}&lt;/p&gt;</content></entry>"
        for i in range(n))
    return ("<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Bench Wire</title>"
            f"<id>urn:bench</id><updated>2031-03-03T08:00:00Z</updated>{entries}</feed>")


def rss(n, base):
    items = "".join(
        f"<item><title>Dispatch {i}</title><link>{base}/a/{i}.html</link><description>Summary {i}.</description></item>"
        for i in range(n))
    return f"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Bench Gazette</title>{items}</channel></rss>"


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def timed(args):
    start = time.perf_counter()
    out = subprocess.run(args, capture_output=True, text=True)
    wall = time.perf_counter() - start
    last = out.stderr.strip().splitlines()[-1] if out.stderr.strip() else ""
    return wall, out.returncode, last


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=500)
    parser.add_argument("--bin", default="target/release/chronicle")
    opts = parser.parse_args()
    binary = os.path.abspath(opts.bin)
    with tempfile.TemporaryDirectory() as root:
        site = os.path.join(root, "site")
        os.makedirs(os.path.join(site, "a"))
        handler = functools.partial(Quiet, directory=site)
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}"
        n = opts.entries
        with open(os.path.join(site, "wire.atom"), "w") as f:
            f.write(atom(n))
        with open(os.path.join(site, "gazette.rss"), "w") as f:
            f.write(rss(n, base))
        for i in range(n):
            with open(os.path.join(site, "a", f"{i}.html"), "w") as f:
                f.write(f"<html><body><article><h1>Dispatch {i}</h1><p>{report(i)}</p></article></body></html>")
        db = os.path.join(root, "bench.db")
        watch = [binary, "watch", "--db", db, "--rounds", "1", "--interval", "0.5"]
        runs = [
            ("first poll, full-content Atom", watch + [f"{base}/wire.atom"]),
            ("second poll, answered 304", ["sleep-then"] + watch + [f"{base}/wire.atom"]),
            ("ingest of the same feed, every entry known", [binary, "ingest", "--db", db, f"{base}/wire.atom"]),
            ("the same feed as a file (entries prepared, then found stored)",
             [binary, "ingest", "--db", db, os.path.join(site, "wire.atom")]),
            (f"RSS of summaries, {n} linked pages fetched", [binary, "ingest", "--db", db, "--linked", str(n), f"{base}/gazette.rss"]),
            ("the same RSS again, every link known", [binary, "ingest", "--db", db, "--linked", str(n), f"{base}/gazette.rss"]),
        ]
        print(f"| {n} entries | wall | exit | last line |\n|---|---|---|---|")
        for name, args in runs:
            if args[0] == "sleep-then":
                time.sleep(0.6)  # the feed is due again after --interval
                args = args[1:]
            wall, code, last = timed(args)
            print(f"| {name} | {wall:.2f} s | {code} | {last} |")
        server.shutdown()


if __name__ == "__main__":
    main()
