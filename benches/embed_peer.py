#!/usr/bin/env python3
"""Sentence embeddings: chronicle-embed beside Python sentence-transformers
on the same texts, in the same run, and how closely their vectors agree.

    scripts/setup-embeddings
    cargo build --release -p chronicle-embed --example embed_speed
    python3 benches/embed_peer.py ../shared/data/cep/events-2002-2018.jsonl.gz [COUNT [ROUNDS]]

It needs a Python with sentence-transformers (and so torch) installed; the
model is loaded from the installed weights directory with HF_HUB_OFFLINE=1,
so nothing is downloaded. For 1 and 2 threads it times the Rust encoder
(the embed_speed example, RAYON_NUM_THREADS) and Python (torch threads),
each over the first COUNT (default 2000) "text" fields of the file, after
a warm-up on a few, with batches of 32, ROUNDS times in turn (default 2;
the best of each side is reported, with every run); then it compares the Rust vectors
with Python's, text by text (mean and least cosine).
"""
import gzip, json, os, re, subprocess, sys, tempfile, time

os.environ["HF_HUB_OFFLINE"] = "1"


def weights_dir():
    if os.environ.get("CHRONICLE_MINILM"):
        return os.environ["CHRONICLE_MINILM"]
    data = os.environ.get("XDG_DATA_HOME") or os.path.join(os.environ["HOME"], ".local/share")
    return os.path.join(data, "chronicle", "minilm")


def read_texts(path, count):
    opener = gzip.open if path.endswith(".gz") else open
    texts = []
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            if len(texts) == count:
                break
            texts.append(json.loads(line)["text"])
    return texts


def rust_run(path, count, threads, vectors_out):
    example = os.path.join(os.path.dirname(__file__), "..", "target", "release", "examples", "embed_speed")
    env = dict(os.environ, RAYON_NUM_THREADS=str(threads))
    out = subprocess.run([example, path, str(count), vectors_out], env=env, check=True, capture_output=True, text=True)
    return float(re.search(r"([0-9.]+) sentences/s", out.stdout).group(1))


def python_run(model, texts, threads):
    import torch

    torch.set_num_threads(threads)
    model.encode(texts[:64], batch_size=32)
    start = time.perf_counter()
    vectors = model.encode(texts, batch_size=32, convert_to_numpy=True)
    return len(texts) / (time.perf_counter() - start), vectors


def main():
    path = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 2
    from sentence_transformers import SentenceTransformer

    texts = read_texts(path, count)
    model = SentenceTransformer(weights_dir(), device="cpu")
    with tempfile.TemporaryDirectory() as tmp:
        rust_vectors_file = os.path.join(tmp, "vectors.jsonl")
        for threads in (1, 2):
            rust, python = [], []
            # Alternated and repeated: on a shared machine the load drifts,
            # and the best of each side is the least disturbed.
            for _ in range(rounds):
                rust.append(rust_run(path, count, threads, rust_vectors_file))
                speed, py_vectors = python_run(model, texts, threads)
                python.append(speed)
            print(
                f"threads {threads}: rust {max(rust):.1f}/s (runs {', '.join(f'{r:.1f}' for r in rust)}), "
                f"python {max(python):.1f}/s (runs {', '.join(f'{p:.1f}' for p in python)}), "
                f"ratio of the best {max(rust) / max(python):.2f}",
                flush=True,
            )
        with open(rust_vectors_file) as f:
            rust_vectors = [json.loads(line) for line in f]
    cosines = [sum(a * b for a, b in zip(r, p)) for r, p in zip(rust_vectors, py_vectors.tolist())]
    print(f"agreement over {len(cosines)} texts: mean cosine {sum(cosines) / len(cosines):.6f}, least {min(cosines):.6f}")


if __name__ == "__main__":
    main()
