#!/usr/bin/env python3
"""Which joins of the online clusterer cost the most pairs, on a
news-cluster folder: the wrong joins (a predicted cluster holding several
gold events) and the missed ones (a gold event spread over several
predicted clusters), largest first, each with its titles and dates.

    cargo build --release -p chronicle
    cargo build --release -p chronicle-events --example events_cli
    python3 benches/cluster_errors.py ../shared/data/clustering/news-cluster

Articles are fed as `benches/cluster_sweep.py` feeds them (publication
order, entities from `chronicle annotate`, sentence vectors when the
encoder's weights are installed); `CLUSTER_*` variables pass through to
`events_cli`. Standard library only.
"""

import argparse
import json
import os
import subprocess
import tempfile
from collections import Counter, defaultdict

from cluster_sweep import add_entities, load


def pairs(n):
    return n * (n - 1) // 2


def report(docs, pred, limit):
    gold_of = {d["id"]: d["gold"] for d in docs}
    by_pred, by_gold = defaultdict(list), defaultdict(list)
    for d in docs:
        by_pred[pred[d["id"]]].append(d)
        by_gold[d["gold"]].append(d)
    wrong = []
    for c, members in by_pred.items():
        counts = Counter(gold_of[d["id"]] for d in members)
        cost = pairs(len(members)) - sum(pairs(n) for n in counts.values())
        if cost:
            wrong.append((cost, c, members, counts))
    missed = []
    for g, members in by_gold.items():
        counts = Counter(pred[d["id"]] for d in members)
        cost = pairs(len(members)) - sum(pairs(n) for n in counts.values())
        if cost:
            missed.append((cost, g, members, counts))
    print(f"wrongly joined pairs: {sum(w[0] for w in wrong)}; missed pairs: {sum(m[0] for m in missed)}")
    print("\n== wrong joins (predicted cluster: its gold events) ==")
    for cost, c, members, counts in sorted(wrong, key=lambda w: -w[0])[:limit]:
        print(f"\n-- cluster {c}: {cost} wrong pairs, gold {dict(counts)}")
        for d in members:
            print(f"   {d['published'][:10] if d['published'] else '????'} g{d['gold']:<6} {d['id']} {d['title'][:90]}")
    print("\n== missed joins (gold event: its predicted clusters) ==")
    for cost, g, members, counts in sorted(missed, key=lambda m: -m[0])[:limit]:
        print(f"\n-- gold {g}: {cost} missed pairs, clusters {dict(counts)}")
        for d in members:
            print(f"   {d['published'][:10] if d['published'] else '????'} c{pred[d['id']]:<5} {d['id']} {d['title'][:90]}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("data")
    ap.add_argument("--chronicle", default="target/release/chronicle")
    ap.add_argument("--events-cli", default="target/release/examples/events_cli")
    ap.add_argument("--limit", type=int, default=12, help="errors listed of each kind")
    args = ap.parse_args()
    docs = load(args.data)
    with tempfile.TemporaryDirectory() as tmp:
        add_entities(docs, args.chronicle, tmp)
        path = os.path.join(tmp, "docs.jsonl")
        with open(path, "w", encoding="utf-8") as f:
            for d in docs:
                f.write(json.dumps(d, ensure_ascii=False) + "\n")
        out = subprocess.run([args.events_cli, "cluster", "--json", path], capture_output=True, text=True,
                             check=True).stdout
    pred = {r["id"]: r["cluster"] for r in map(json.loads, out.splitlines())}
    report(docs, pred, args.limit)


if __name__ == "__main__":
    main()
