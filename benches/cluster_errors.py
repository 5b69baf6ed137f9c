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


def mixed_groups(docs, group_of, part_of):
    """Each group of `docs` (by `group_of`) whose members fall in several
    parts (by `part_of`), with the pairs that splitting costs, largest
    first: (cost, group, members, counts of each part)."""
    groups = defaultdict(list)
    for d in docs:
        groups[group_of(d)].append(d)
    mixed = []
    for g, members in groups.items():
        counts = Counter(part_of(d) for d in members)
        cost = pairs(len(members)) - sum(pairs(n) for n in counts.values())
        if cost:
            mixed.append((cost, g, members, counts))
    return sorted(mixed, key=lambda m: -m[0])


def show(kind, errors, limit, head, label_of):
    """Prints `errors` of one kind; `head` is (what a group is, what its
    pairs are, what its parts are)."""
    group, cost_word, parts = head
    print(f"\n== {kind} ==")
    for cost, g, members, counts in errors[:limit]:
        print(f"\n-- {group} {g}: {cost} {cost_word} pairs, {parts} {dict(counts)}")
        for d in members:
            print(f"   {d['published'][:10] if d['published'] else '????'} {label_of(d):<7} {d['id']} {d['title'][:90]}")


def report(docs, pred, limit):
    cluster_of = lambda d: pred[d["id"]]
    gold_of = lambda d: d["gold"]
    wrong = mixed_groups(docs, cluster_of, gold_of)
    missed = mixed_groups(docs, gold_of, cluster_of)
    print(f"wrongly joined pairs: {sum(w[0] for w in wrong)}; missed pairs: {sum(m[0] for m in missed)}")
    show("wrong joins (predicted cluster: its gold events)", wrong, limit, ("cluster", "wrong", "gold"), lambda d: f"g{d['gold']}")
    show("missed joins (gold event: its predicted clusters)", missed, limit, ("gold", "missed", "clusters"), lambda d: f"c{pred[d['id']]}")


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
