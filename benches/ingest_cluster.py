#!/usr/bin/env python3
"""How well `chronicle ingest` gathers the reports of one happening into
one event: the news-cluster articles are ingested in publication order as
one JSON Lines dump, and each article's main event is scored against the
gold clusters like `chronicle cluster` is.

    cargo build --release -p chronicle
    python3 benches/ingest_cluster.py ../shared/data/clustering/news-cluster --bin target/release/chronicle

The dump is written as the cluster task of the evaluation tool writes its
input (records sorted by publication date, then URL; ids doc00000…). An
article's main event is the event listing it as a source whose sentence
comes first in the article (title, then text); an article no event lists
(an event lists its first 50 sources) counts as an event of its own.
Prints pairwise precision, recall and F1, BCubed F1, and the number of
distinct main events beside the gold events.
"""
import argparse
import json
import os
import subprocess
import tempfile
import time

from cluster_sweep import load, scores

FAR = 10**9


def write_dump(path, docs):
    """The dump, as the evaluation tool writes it, and each article's
    title-and-text by id."""
    with open(path, "w", encoding="utf-8") as f:
        for d in docs:
            line = {k: d[k] for k in ("id", "title", "text", "published", "url", "source")}
            f.write(json.dumps(line, ensure_ascii=False) + "\n")
    return {d["id"]: d["title"] + "\n" + d["text"] for d in docs}


def first_position(text, sentences):
    """Where the earliest of an event's sentences stands in the article."""
    places = [text.find(s[:40]) for s in sentences or [""]]
    return min([p for p in places if p >= 0] or [FAR])


def main_events(events, texts):
    """Each article's main event: of the events listing the article (by the
    dump line its input names), the one whose sentence comes first."""
    best = {}
    for event in events:
        for source in event.get("sources", []):
            name = source.get("input") or ""
            if ":" not in name:
                continue
            rid = f"doc{int(name.rsplit(':', 1)[1]) - 1:05d}"
            if rid not in texts:
                continue
            place = first_position(texts[rid], source.get("sentences"))
            if rid not in best or place < best[rid][0]:
                best[rid] = (place, event["id"])
    return {rid: found[1] for rid, found in best.items()}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("data")
    ap.add_argument("--bin", default="target/release/chronicle")
    args = ap.parse_args()
    binary = os.path.abspath(args.bin)
    with tempfile.TemporaryDirectory() as tmp:
        dump, db = os.path.join(tmp, "docs.jsonl"), os.path.join(tmp, "c.db")
        docs = load(args.data)
        texts = write_dump(dump, docs)
        began = time.perf_counter()
        # Run from the folder so the inputs are named `docs.jsonl:N`.
        ingest = subprocess.run([binary, "ingest", "--db", db, "docs.jsonl"], cwd=tmp, capture_output=True)
        wall = time.perf_counter() - began
        if ingest.returncode not in (0, 1):
            raise SystemExit(ingest.stderr.decode()[-2000:])
        listed = subprocess.run([binary, "events", "--json", "--db", db], capture_output=True, check=True)
        events = [json.loads(line) for line in listed.stdout.decode().split("\n") if line.strip()]
    found = main_events(events, texts)
    pred = {d["id"]: found.get(d["id"], "alone-" + d["id"]) for d in docs}
    p, r, f, b = scores(docs, pred, lambda d: True)
    print(f"articles {len(docs)}, listed {len(found)}, gold events {len({d['gold'] for d in docs})}, "
          f"main events {len(set(pred.values()))}, stored events {len(events)}")
    print(f"pairwise P {p:.4f} R {r:.4f} F1 {f:.4f}; BCubed F1 {b:.4f}; ingest {wall:.1f} s")


if __name__ == "__main__":
    main()
