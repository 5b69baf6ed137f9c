#!/usr/bin/env python3
"""Pathological inputs: each must end in seconds with output or a clear
error, in bounded memory, and never crash the process.

Generates, into a temporary folder (removed afterwards unless --keep):

  random-200mb.bin      200 MB of random bytes
  nested-divs.html      100,000 nested <div>s around a short article
  single-line-50mb.html a 50 MB page on one line
  invalid-utf8.html     a page whose text holds invalid UTF-8 sequences

and runs `chronicle extract --json` and `chronicle ingest --db` (a fresh
store in the same folder) on each, printing wall time, exit code, the
first error line and the peak RSS of the process.

Standard library only:

    python3 benches/pathological.py [--bin target/release/chronicle] [--keep]
"""

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time

MB = 1000 * 1000

ARTICLE = (
    "<h1>Harbour talks resume in Velmora</h1>"
    "<p>Velmora, 4 March 2031. Negotiators from the two port cities met again "
    "on Tuesday after a pause of three weeks, the harbour authority said.</p>"
    "<p>The talks are to settle the fees ships pay at the shared quay, which "
    "both sides raised last year.</p>"
)


def random_bytes(path, size, rng):
    """Random bytes, written in chunks so the generator stays small."""
    with open(path, "wb") as out:
        left = size
        while left:
            chunk = min(left, 4 * 1024 * 1024)
            out.write(rng.randbytes(chunk))
            left -= chunk


def nested_divs(path, depth):
    """An article buried under `depth` unclosed-then-closed <div>s."""
    with open(path, "w", encoding="utf-8") as out:
        out.write("<!doctype html><html><head><title>Deep page</title></head><body>")
        out.write("<div>" * depth)
        out.write(ARTICLE)
        out.write("</div>" * depth)
        out.write("</body></html>\n")


def single_line(path, size):
    """A page of `size` bytes with no newline: one paragraph of sentences."""
    sentence = "The committee met again on Tuesday and agreed to publish the harbour fees. "
    head = "<!doctype html><html><head><title>One line</title></head><body><article>" + ARTICLE + "<p>"
    tail = "</p></article></body></html>"
    body_size = size - len(head) - len(tail)
    with open(path, "w", encoding="utf-8") as out:
        out.write(head)
        repeats, rest = divmod(body_size, len(sentence))
        block = sentence * 1000
        for _ in range(repeats // 1000):
            out.write(block)
        out.write(sentence * (repeats % 1000))
        out.write("x" * rest)
        out.write(tail)


def invalid_utf8(path, rng):
    """A UTF-8 page with lone continuation bytes, overlong forms, surrogates
    encoded as UTF-8, truncated sequences and bytes never valid in UTF-8."""
    bad = [b"\x80", b"\xbf", b"\xc0\xaf", b"\xe0\x80\xaf", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\xe2\x82", b"\xff", b"\xfe"]
    words = "Talks on the harbour fees resumed in Velmora on Tuesday after three weeks".split()
    parts = [b'<!doctype html><html><head><meta charset="utf-8"><title>Bad \xff bytes</title></head><body><article>']
    for _ in range(2000):
        sentence = b" ".join(w.encode() + (rng.choice(bad) if rng.random() < 0.3 else b"") for w in words)
        parts.append(b"<p>" + sentence + b".</p>")
    parts.append(b"</article></body></html>\n")
    with open(path, "wb") as out:
        out.write(b"".join(parts))


def run(argv, stdin_path=None):
    """Run a command; its wall time, exit code, first error line and peak RSS (KB)."""
    start = time.monotonic()
    with open(os.devnull, "wb") as devnull:
        proc = subprocess.Popen(argv, stdout=devnull, stderr=subprocess.PIPE)
        stderr = proc.stderr.read()
        _, status, usage = os.wait4(proc.pid, 0)
    wall = time.monotonic() - start
    code = os.waitstatus_to_exitcode(status)
    lines = [l for l in stderr.decode("utf-8", "replace").splitlines() if l.strip()]
    errors = [l for l in lines if "error" in l.lower() or "panick" in l.lower() or "overflow" in l.lower()]
    message = (errors or lines or [""])[0]
    return wall, code, message, usage.ru_maxrss


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bin", default="target/release/chronicle")
    parser.add_argument("--keep", action="store_true", help="keep the generated folder")
    parser.add_argument("--seed", type=int, default=8)
    args = parser.parse_args()
    binary = os.path.abspath(args.bin)
    if not os.path.exists(binary):
        sys.exit(f"no binary at {binary}: run `cargo build --release -p chronicle` first")
    rng = random.Random(args.seed)
    folder = tempfile.mkdtemp(prefix="chronicle-pathological-")
    cases = [
        ("random-200mb.bin", lambda p: random_bytes(p, 200 * MB, rng)),
        ("nested-divs.html", lambda p: nested_divs(p, 100_000)),
        ("single-line-50mb.html", lambda p: single_line(p, 50 * MB)),
        ("invalid-utf8.html", lambda p: invalid_utf8(p, rng)),
    ]
    print(f"{'input':<24} {'command':<8} {'wall s':>7} {'exit':>4} {'peak RSS MB':>11}  message")
    failed = False
    try:
        for name, make in cases:
            path = os.path.join(folder, name)
            make(path)
            store = os.path.join(folder, f"{name}.db")
            for command, argv in [
                ("extract", [binary, "extract", "--json", path]),
                ("ingest", [binary, "ingest", "--db", store, path]),
            ]:
                wall, code, message, rss_kb = run(argv)
                # A signal (negative code) or an exit status above 2 means a crash.
                failed |= code < 0 or code > 2
                message = message.replace(folder + os.sep, "")
                print(f"{name:<24} {command:<8} {wall:7.2f} {code:>4} {rss_kb / 1024:11.0f}  {message[:100]}", flush=True)
    finally:
        if args.keep:
            print(f"inputs kept in {folder}")
        else:
            shutil.rmtree(folder)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
