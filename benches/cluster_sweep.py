#!/usr/bin/env python3
"""Pairwise and BCubed F1 of the online clusterer while one setting moves,
on a news-cluster folder, over all articles and over each half of the gold
events.

    cargo build --release -p chronicle
    cargo build --release -p chronicle-events --example events_cli
    python3 benches/cluster_sweep.py ../shared/data/clustering/news-cluster \\
        CLUSTER_THRESHOLD 0.08 0.09 0.10 0.11 0.12

Articles are fed in publication order, as `evaluate.py cluster` feeds them,
each with the entities `chronicle annotate` resolves in its title and lead
(what `chronicle cluster` gives the clusterer), to `events_cli cluster`,
whose `CLUSTER_*` variables override the clusterer's settings. Like
`chronicle cluster`, events_cli gives each title's sentence vector when the
encoder's weights are installed (`scripts/setup-embeddings`);
`CLUSTER_EMBEDDING_SIGNAL=0` leaves them out. The halves
split the gold events by their sorted names, alternately: a setting chosen
on one half can be read on the other. Standard library only.
"""

import argparse
import json
import os
import subprocess
import tempfile
from collections import defaultdict

LEAD_CHARS = 3000


def load(folder):
    recs = [json.load(open(os.path.join(folder, n), encoding="utf-8"))
            for n in sorted(os.listdir(folder)) if n.endswith(".json")]
    recs.sort(key=lambda d: (d.get("date_publish") or "", d.get("url") or ""))
    return [{"id": f"doc{i:05d}", "title": d.get("title") or "", "text": d.get("text") or "",
             "published": d.get("date_publish"), "url": d.get("url"), "source": d.get("source_domain"),
             "gold": str(d["newsCluster"]["EventId"])}
            for i, d in enumerate(recs)]


def add_entities(docs, chronicle, tmp):
    """The entities `chronicle cluster` resolves: title, blank line, lead."""
    src = os.path.join(tmp, "leads.jsonl")
    with open(src, "w", encoding="utf-8") as f:
        for d in docs:
            text = d["title"] + "\n\n" + d["text"][:LEAD_CHARS]
            f.write(json.dumps({"id": d["id"], "text": text, "published": d["published"]}) + "\n")
    out = subprocess.run([chronicle, "annotate", "--json", src], capture_output=True, text=True, check=True).stdout
    entities = {}
    for line in out.splitlines():
        rec = json.loads(line)
        entities[rec["id"]] = [e["entity"] for e in rec["entities"] if e.get("entity")]
    for d in docs:
        d["entities"] = entities.get(d["id"], [])


def scores(docs, pred, keep):
    """Pairwise precision, recall and F1, and BCubed F1, of the kept docs."""
    ids = [d["id"] for d in docs if keep(d)]
    gold = {d["id"]: d["gold"] for d in docs}
    tp = fp = fn = 0
    for i in range(len(ids)):
        for j in range(i + 1, len(ids)):
            same_gold = gold[ids[i]] == gold[ids[j]]
            same_pred = pred[ids[i]] == pred[ids[j]]
            tp += same_gold and same_pred
            fp += same_pred and not same_gold
            fn += same_gold and not same_pred
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    gm, pm = defaultdict(set), defaultdict(set)
    for i in ids:
        gm[gold[i]].add(i)
        pm[pred[i]].add(i)
    bp = sum(len(gm[gold[i]] & pm[pred[i]]) / len(pm[pred[i]]) for i in ids) / len(ids)
    br = sum(len(gm[gold[i]] & pm[pred[i]]) / len(gm[gold[i]]) for i in ids) / len(ids)
    return p, r, f, 2 * bp * br / (bp + br)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("data")
    ap.add_argument("variable", help="a CLUSTER_* variable of events_cli")
    ap.add_argument("values", nargs="+")
    ap.add_argument("--chronicle", default="target/release/chronicle")
    ap.add_argument("--events-cli", default="target/release/examples/events_cli")
    ap.add_argument("--no-entities", action="store_true", help="words alone")
    args = ap.parse_args()
    docs = load(args.data)
    events = sorted({d["gold"] for d in docs})
    half = {e: i % 2 for i, e in enumerate(events)}
    with tempfile.TemporaryDirectory() as tmp:
        if not args.no_entities:
            add_entities(docs, args.chronicle, tmp)
        path = os.path.join(tmp, "docs.jsonl")
        with open(path, "w", encoding="utf-8") as f:
            for d in docs:
                f.write(json.dumps(d, ensure_ascii=False) + "\n")
        print(f"{args.variable:>18} | pairwise all / even / odd | BCubed all / even / odd")
        for value in args.values:
            env = dict(os.environ, **{args.variable: value})
            out = subprocess.run([args.events_cli, "cluster", "--json", path], capture_output=True, text=True,
                                 check=True, env=env).stdout
            pred = {r["id"]: r["cluster"] for r in map(json.loads, out.splitlines())}
            rows = [scores(docs, pred, keep) for keep in
                    (lambda d: True, lambda d: half[d["gold"]] == 0, lambda d: half[d["gold"]] == 1)]
            print(f"{value:>18} | " + " / ".join(f"{r[2]:.4f}" for r in rows) + " | "
                  + " / ".join(f"{r[3]:.4f}" for r in rows))


if __name__ == "__main__":
    main()
