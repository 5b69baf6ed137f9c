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
import collections
import json
import os
import subprocess
import tempfile
import time

FAR = 10**9


def records(folder):
    found = []
    for name in sorted(os.listdir(folder)):
        if name.endswith(".json"):
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                found.append(json.load(f))
    found.sort(key=lambda d: (d.get("date_publish") or "", d.get("url") or ""))
    return found


def write_dump(path, recs):
    """The dump, and each record's id, gold event and title-and-text."""
    gold, texts = {}, {}
    with open(path, "w", encoding="utf-8") as f:
        for i, d in enumerate(recs):
            rid = f"doc{i:05d}"
            gold[rid] = d["newsCluster"]["EventId"]
            texts[rid] = (d.get("title") or "") + "\n" + (d.get("text") or "")
            line = {"id": rid, "title": d.get("title"), "text": d.get("text"), "published": d.get("date_publish"),
                    "url": d.get("url"), "source": d.get("source_domain")}
            f.write(json.dumps(line, ensure_ascii=False) + "\n")
    return gold, texts


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


def pairwise(gold, pred):
    ids = sorted(gold)
    tp = fp = fn = 0
    for a in range(len(ids)):
        for b in range(a + 1, len(ids)):
            same_gold = gold[ids[a]] == gold[ids[b]]
            same_pred = pred[ids[a]] == pred[ids[b]]
            tp += same_gold and same_pred
            fp += same_pred and not same_gold
            fn += same_gold and not same_pred
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def bcubed(gold, pred):
    by_gold, by_pred = collections.defaultdict(set), collections.defaultdict(set)
    for rid in gold:
        by_gold[gold[rid]].add(rid)
        by_pred[pred[rid]].add(rid)
    p = r = 0.0
    for rid in gold:
        shared = len(by_gold[gold[rid]] & by_pred[pred[rid]])
        p += shared / len(by_pred[pred[rid]])
        r += shared / len(by_gold[gold[rid]])
    p, r = p / len(gold), r / len(gold)
    return 2 * p * r / (p + r) if p + r else 0.0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("data")
    ap.add_argument("--bin", default="target/release/chronicle")
    args = ap.parse_args()
    binary = os.path.abspath(args.bin)
    with tempfile.TemporaryDirectory() as tmp:
        dump, db = os.path.join(tmp, "docs.jsonl"), os.path.join(tmp, "c.db")
        gold, texts = write_dump(dump, records(args.data))
        began = time.perf_counter()
        # Run from the folder so the inputs are named `docs.jsonl:N`.
        ingest = subprocess.run([binary, "ingest", "--db", db, "docs.jsonl"], cwd=tmp, capture_output=True)
        wall = time.perf_counter() - began
        if ingest.returncode not in (0, 1):
            raise SystemExit(ingest.stderr.decode()[-2000:])
        listed = subprocess.run([binary, "events", "--json", "--db", db], capture_output=True, check=True)
        events = [json.loads(line) for line in listed.stdout.decode().split("\n") if line.strip()]
    found = main_events(events, texts)
    pred = {rid: found.get(rid, "alone-" + rid) for rid in gold}
    p, r, f = pairwise(gold, pred)
    print(f"articles {len(gold)}, listed {len(found)}, gold events {len(set(gold.values()))}, "
          f"main events {len(set(pred.values()))}, stored events {len(events)}")
    print(f"pairwise P {p:.4f} R {r:.4f} F1 {f:.4f}; BCubed F1 {bcubed(gold, pred):.4f}; ingest {wall:.1f} s")


if __name__ == "__main__":
    main()
