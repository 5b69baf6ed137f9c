#!/usr/bin/env python3
"""Fit the clusterer's logistic weights on half of the gold events of a
news-cluster folder, and score the clustering on each half and on all.

    cargo build --release -p chronicle
    cargo build --release -p chronicle-events --example events_cli
    python3 benches/cluster_fit.py ../shared/data/clustering/news-cluster

Articles are fed in publication order, as `evaluate.py cluster` feeds them.
Each gets the entities `chronicle annotate` resolves in its title and lead
(what `chronicle cluster` gives the clusterer). `events_cli signals`
replays the stream with every article joining its right cluster and prints
the signals of each candidate; the model is fitted (Newton's method, a
little L2) on the candidates of the articles of the fitting half's events
only. The gold events are split by their names' sorted order, alternately
(`--fit odd` swaps the halves). Standard library only.
"""

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
from collections import defaultdict

LEAD_CHARS = 3000


def load(folder):
    recs = [json.load(open(os.path.join(folder, n), encoding="utf-8"))
            for n in sorted(os.listdir(folder)) if n.endswith(".json")]
    recs.sort(key=lambda d: (d.get("date_publish") or "", d.get("url") or ""))
    return [{"id": f"doc{i:05d}", "title": d.get("title") or "", "text": d.get("text") or "",
             "published": d.get("date_publish"), "gold": str(d["newsCluster"]["EventId"])} for i, d in enumerate(recs)]


def add_entities(docs, chronicle, tmp):
    """The entities `chronicle cluster` would resolve: title, blank line, lead."""
    src = os.path.join(tmp, "leads.jsonl")
    with open(src, "w", encoding="utf-8") as f:
        for d in docs:
            text = d["title"] + "\n\n" + d["text"][:LEAD_CHARS]
            f.write(json.dumps({"id": d["id"], "text": text, "published": d["published"]}) + "\n")
    out = subprocess.run([chronicle, "annotate", "--json", src], capture_output=True, text=True, check=True).stdout
    entities = {}
    for line in out.splitlines():
        rec = json.loads(line)
        entities[rec["id"]] = [e["entity"] for e in rec["entities"]]
    for d in docs:
        d["entities"] = entities.get(d["id"], [])


def run_json(cmd, path, env=None):
    out = subprocess.run(cmd + [path], capture_output=True, text=True, check=True, env=env).stdout
    return [json.loads(l) for l in out.splitlines() if l.strip()]


def fit(rows, l2=0.01, steps=25):
    """Logistic regression by Newton's method; returns [bias, w1, ...]."""
    k = len(rows[0][0]) + 1
    w = [0.0] * k
    for _ in range(steps):
        grad = [0.0] * k
        hess = [[0.0] * k for _ in range(k)]
        for x, y in rows:
            xs = [1.0] + x
            z = sum(a * b for a, b in zip(w, xs))
            p = 1.0 / (1.0 + math.exp(-max(min(z, 30), -30)))
            for i in range(k):
                grad[i] += (p - y) * xs[i]
                for j in range(k):
                    hess[i][j] += p * (1 - p) * xs[i] * xs[j]
        for i in range(1, k):
            grad[i] += l2 * w[i]
            hess[i][i] += l2
        step = solve(hess, grad)
        w = [a - b for a, b in zip(w, step)]
    return w


def solve(a, b):
    """Gaussian elimination with partial pivoting."""
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[p] = m[p], m[c]
        for r in range(n):
            if r != c and m[c][c]:
                f = m[r][c] / m[c][c]
                m[r] = [x - f * y for x, y in zip(m[r], m[c])]
    return [m[i][n] / m[i][i] if m[i][i] else 0.0 for i in range(n)]


def scores(docs, pred, keep):
    ids = [d["id"] for d in docs if keep(d)]
    gold = {d["id"]: d["gold"] for d in docs}
    tp = fp = fn = 0
    for i in range(len(ids)):
        for j in range(i + 1, len(ids)):
            sg = gold[ids[i]] == gold[ids[j]]
            sp = pred[ids[i]] == pred[ids[j]]
            tp += sg and sp
            fp += sp and not sg
            fn += sg and not sp
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    gm, pm = defaultdict(set), defaultdict(set)
    for i in ids:
        gm[gold[i]].add(i)
        pm[pred[i]].add(i)
    bp = sum(len(gm[gold[i]] & pm[pred[i]]) / len(pm[pred[i]]) for i in ids) / len(ids)
    br = sum(len(gm[gold[i]] & pm[pred[i]]) / len(gm[gold[i]]) for i in ids) / len(ids)
    return f, p, r, 2 * bp * br / (bp + br)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("data")
    ap.add_argument("--chronicle", default="target/release/chronicle")
    ap.add_argument("--events-cli", default="target/release/examples/events_cli")
    ap.add_argument("--fit", choices=["even", "odd", "all"], default="even")
    ap.add_argument("--weights", help="score these weights (bias,w1,...) instead of fitting")
    args = ap.parse_args()
    docs = load(args.data)
    events = sorted({d["gold"] for d in docs})
    half = {e: ("even" if i % 2 == 0 else "odd") for i, e in enumerate(events)}
    fitting = (lambda d: True) if args.fit == "all" else (lambda d: half[d["gold"]] == args.fit)
    with tempfile.TemporaryDirectory() as tmp:
        add_entities(docs, args.chronicle, tmp)
        path = os.path.join(tmp, "docs.jsonl")
        with open(path, "w", encoding="utf-8") as f:
            for d in docs:
                f.write(json.dumps(d, ensure_ascii=False) + "\n")
        if args.weights:
            w = [float(x) for x in args.weights.split(",")]
        else:
            rows = run_json([args.events_cli, "signals", "--json"], path)
            keep = {d["id"] for d in docs if fitting(d)}
            data = [(r["features"], 1.0 if r["same"] else 0.0) for r in rows if r["id"] in keep]
            print(f"fitted on {sum(1 for d in docs if fitting(d))} articles ({args.fit} events), "
                  f"{len(data)} candidates, {sum(y for _, y in data):.0f} right", file=sys.stderr)
            w = fit(data)
        weights = ",".join(f"{x:.3f}" for x in w)
        print(f"weights {weights}")
        env = dict(os.environ, CLUSTER_WEIGHTS=weights)
        pred = {r["id"]: r["cluster"] for r in run_json([args.events_cli, "cluster", "--json"], path, env)}
        for name, keep in [("even events", lambda d: half[d["gold"]] == "even"),
                           ("odd events", lambda d: half[d["gold"]] == "odd"), ("all", lambda d: True)]:
            f, p, r, b = scores(docs, pred, keep)
            print(f"{name:12} pairwise F1 {f:.4f} (P {p:.4f} R {r:.4f})  BCubed F1 {b:.4f}")


if __name__ == "__main__":
    main()
