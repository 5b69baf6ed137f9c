//! Learn word clusters from unlabelled text for the NER tagger's cluster
//! features, and write them as `word<TAB>path` lines (`data/clusters.tsv`).
//!
//! Words are lower-cased with digits folded to `0` (the tagger's
//! lower-case key). Each word of at least `MIN_COUNT` occurrences is
//! described by the positive pointwise mutual information of its
//! neighbours (two words either side, among the most frequent words),
//! as a sparse unit vector; the vectors are then split by spherical k-means into
//! `BRANCH` groups, and each group again, `DEPTH` levels down. A word's
//! path is its group at each level (digits `0`-`7`), so path prefixes
//! are coarser clusters, as with Brown clusters. A third column says how
//! the word is written inside sentences of ordinary case (`l` mostly
//! lower case, `c` capitalised, `m` mixed, `-` unknown), evidence for
//! sentence-initial and headline words. Deterministic.
//!
//! ```sh
//! zcat ../shared/data/cep/events-2002-2018.jsonl.gz | \
//! cargo run --release -p chronicle-annotate --example word_clusters -- \
//!     crates/annotate/data/clusters.tsv \
//!     --conll ../shared/data/ner/conll2003/eng.train --jsonl - \
//!     --json-dir ../shared/data/clustering/news-cluster \
//!     --json-dir ../shared/data/corpora/5w1h-gold
//! ```
//!
//! Only the words of CoNLL files are read (first column), never labels.

use chronicle_annotate::tokens::tokenize;
use std::collections::HashMap;
use std::error::Error;
use std::io::Read;

const MIN_COUNT: u32 = 3;
const CONTEXT_WORDS: usize = 4000;
const BRANCH: usize = 8;
const DEPTH: usize = 4;
const ITERATIONS: usize = 12;

/// The tagger's lower-case form: lower case, digits as `0`.
fn normalise(w: &str) -> String {
    w.chars().flat_map(char::to_lowercase).map(|c| if c.is_ascii_digit() { '0' } else { c }).collect()
}

struct Corpus {
    ids: HashMap<String, u32>,
    words: Vec<String>,
    /// Sentences of word ids.
    sentences: Vec<Vec<u32>>,
    /// Per word: occurrences inside a sentence of ordinary case (not its
    /// first token), and how many of them were capitalised.
    inner: Vec<[u32; 2]>,
}

impl Corpus {
    fn add(&mut self, tokens: impl Iterator<Item = String>) {
        let tokens: Vec<String> = tokens.collect();
        let ordinary = tokens.iter().any(|t| t.chars().any(char::is_lowercase));
        let mut sent = Vec::new();
        for (i, t) in tokens.iter().enumerate() {
            let w = normalise(t);
            let next = self.words.len() as u32;
            let id = *self.ids.entry(w.clone()).or_insert(next);
            if id == next {
                self.words.push(w);
                self.inner.push([0, 0]);
            }
            if ordinary && i > 0 && t.chars().any(char::is_alphabetic) {
                let c = &mut self.inner[id as usize];
                c[0] += 1;
                c[1] += u32::from(t.chars().next().is_some_and(char::is_uppercase));
            }
            sent.push(id);
        }
        if !sent.is_empty() {
            self.sentences.push(sent);
        }
    }

    fn add_text(&mut self, text: &str) {
        for line in text.lines() {
            self.add(tokenize(line).iter().map(|s| line[s.start..s.end].to_string()));
        }
    }
}

fn read_input(path: &str) -> Result<String, Box<dyn Error>> {
    if path == "-" {
        let mut s = String::new();
        std::io::stdin().read_to_string(&mut s)?;
        return Ok(s);
    }
    Ok(std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?)
}

fn json_text(v: &serde_json::Value) -> String {
    let mut out = String::new();
    for key in ["title", "description", "text"] {
        if let Some(s) = v.get(key).and_then(|x| x.as_str()) {
            out.push_str(s);
            out.push_str("\n\n");
        }
    }
    out
}

fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((out, rest)) = args.split_first() else {
        return Err("usage: word_clusters OUT [--conll FILE | --jsonl FILE | --json-dir DIR]...".into());
    };
    let mut corpus = Corpus { ids: HashMap::new(), words: Vec::new(), sentences: Vec::new(), inner: Vec::new() };
    for pair in rest.chunks(2) {
        let [flag, path] = pair else { return Err("a flag without a path".into()) };
        match flag.as_str() {
            "--conll" => {
                let text = read_input(path)?;
                let mut toks = Vec::new();
                for line in text.lines().chain([""]) {
                    match line.split_whitespace().next() {
                        Some("-DOCSTART-") => {}
                        Some(w) => toks.push(w.to_string()),
                        None => corpus.add(std::mem::take(&mut toks).into_iter()),
                    }
                }
            }
            "--jsonl" => {
                for line in read_input(path)?.lines().filter(|l| !l.trim().is_empty()) {
                    corpus.add_text(&json_text(&serde_json::from_str(line)?));
                }
            }
            "--json-dir" => {
                let mut files: Vec<_> = std::fs::read_dir(path)?
                    .filter_map(Result::ok)
                    .map(|e| e.path())
                    .filter(|p| p.extension().is_some_and(|e| e == "json"))
                    .collect();
                files.sort();
                for f in files {
                    let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&f)?)?;
                    corpus.add_text(&json_text(&v));
                }
            }
            _ => return Err(format!("unknown flag {flag}").into()),
        }
    }
    let ntok: usize = corpus.sentences.iter().map(Vec::len).sum();
    eprintln!("{} sentences, {ntok} tokens, {} types", corpus.sentences.len(), corpus.words.len());

    // Frequencies; the clustered words and the context words.
    let mut count = vec![0u32; corpus.words.len()];
    for s in &corpus.sentences {
        for &w in s {
            count[w as usize] += 1;
        }
    }
    let mut by_freq: Vec<u32> = (0..count.len() as u32).collect();
    by_freq.sort_by(|a, b| {
        count[*b as usize].cmp(&count[*a as usize]).then(corpus.words[*a as usize].cmp(&corpus.words[*b as usize]))
    });
    let mut ctx_rank = vec![u32::MAX; count.len()];
    for (r, &w) in by_freq.iter().take(CONTEXT_WORDS).enumerate() {
        ctx_rank[w as usize] = r as u32;
    }
    let targets: Vec<u32> = by_freq.iter().copied().filter(|&w| count[w as usize] >= MIN_COUNT).collect();
    let mut row_of = vec![u32::MAX; count.len()];
    for (r, &w) in targets.iter().enumerate() {
        row_of[w as usize] = r as u32;
    }
    eprintln!("{} words to cluster", targets.len());

    // Co-occurrence counts: (row, context) pairs, the context being a
    // frequent word at offset -2, -1, +1 or +2, or the sentence edge.
    const OFFSETS: [isize; 4] = [-2, -1, 1, 2];
    let edge = CONTEXT_WORDS as u32;
    let nctx = OFFSETS.len() * (CONTEXT_WORDS + 1);
    let mut pairs: Vec<u64> = Vec::with_capacity(ntok * 4);
    for s in &corpus.sentences {
        for (i, &w) in s.iter().enumerate() {
            let row = row_of[w as usize];
            if row == u32::MAX {
                continue;
            }
            for (k, d) in OFFSETS.iter().enumerate() {
                let c = match i.checked_add_signed(*d).and_then(|j| s.get(j)) {
                    Some(&v) => ctx_rank[v as usize],
                    None => edge,
                };
                if c == u32::MAX {
                    continue;
                }
                let ctx = (k * (CONTEXT_WORDS + 1)) as u64 + u64::from(c);
                pairs.push(u64::from(row) << 32 | ctx);
            }
        }
    }
    pairs.sort_unstable();
    let mut cells: Vec<(u32, u32, f32)> = Vec::new();
    for p in pairs {
        let (r, c) = ((p >> 32) as u32, p as u32);
        match cells.last_mut() {
            Some(last) if last.0 == r && last.1 == c => last.2 += 1.0,
            _ => cells.push((r, c, 1.0)),
        }
    }
    let mut row_sum = vec![0f64; targets.len()];
    let mut ctx_sum = vec![0f64; nctx];
    for &(r, c, n) in &cells {
        row_sum[r as usize] += f64::from(n);
        ctx_sum[c as usize] += f64::from(n);
    }
    // Context counts smoothed (power 0.75) so rare contexts weigh less.
    let ctx_smooth: Vec<f64> = ctx_sum.iter().map(|n| n.powf(0.75)).collect();
    let ctx_total: f64 = ctx_smooth.iter().sum();

    // Sparse PPMI rows, normalised to unit length.
    let mut rows: Vec<Vec<(u32, f32)>> = vec![Vec::new(); targets.len()];
    for &(r, c, n) in &cells {
        let pmi = (f64::from(n) * ctx_total / (row_sum[r as usize] * ctx_smooth[c as usize])).ln();
        if pmi > 0.0 {
            rows[r as usize].push((c, pmi as f32));
        }
    }
    for v in rows.iter_mut() {
        let norm = v.iter().map(|x| x.1 * x.1).sum::<f32>().sqrt().max(1e-9);
        v.iter_mut().for_each(|x| x.1 /= norm);
    }
    let space = Space { rows, dim: nctx };

    // Hierarchical spherical k-means.
    let mut paths = vec![String::new(); targets.len()];
    let mut groups: Vec<Vec<usize>> = vec![(0..targets.len()).collect()];
    for _ in 0..DEPTH {
        let mut next_groups = Vec::new();
        for g in groups {
            if g.len() < 2 * BRANCH {
                for &r in &g {
                    paths[r].push('0');
                }
                next_groups.push(g);
                continue;
            }
            let assign = space.kmeans(&g, BRANCH);
            let mut parts = vec![Vec::new(); BRANCH];
            for (&r, &a) in g.iter().zip(&assign) {
                paths[r].push((b'0' + a as u8) as char);
                parts[a].push(r);
            }
            next_groups.extend(parts.into_iter().filter(|p| !p.is_empty()));
        }
        groups = next_groups;
    }
    let mut lines: Vec<String> = targets
        .iter()
        .zip(&paths)
        .map(|(&w, p)| format!("{}\t{p}\t{}\n", corpus.words[w as usize], case_class(corpus.inner[w as usize])))
        .collect();
    lines.sort();
    std::fs::write(out, lines.concat())?;
    eprintln!("wrote {out}: {} words", lines.len());
    Ok(())
}

/// How a word is written inside sentences: `l` mostly lower case, `c`
/// mostly capitalised, `m` mixed, `-` too rarely seen there to say.
fn case_class([n, caps]: [u32; 2]) -> char {
    if n < 2 {
        '-'
    } else if caps * 10 <= n {
        'l'
    } else if caps * 10 >= n * 9 {
        'c'
    } else {
        'm'
    }
}

/// Unit-length sparse word vectors.
struct Space {
    rows: Vec<Vec<(u32, f32)>>,
    dim: usize,
}

impl Space {
    fn dot(&self, r: usize, c: &[f32]) -> f32 {
        self.rows[r].iter().map(|&(i, x)| x * c[i as usize]).sum()
    }

    /// Spherical k-means of the rows `members` into `k` groups, seeded
    /// k-means++ style (deterministically: each next seed is the member
    /// farthest from the seeds so far among a frequency-ordered sample).
    fn kmeans(&self, members: &[usize], k: usize) -> Vec<usize> {
        let dense = |r: usize| {
            let mut c = vec![0f32; self.dim];
            for &(i, x) in &self.rows[r] {
                c[i as usize] = x;
            }
            c
        };
        // Seeds from the more frequent members, whose vectors are reliable.
        let pool = &members[..members.len().min(2000).max(k)];
        let mut cent = vec![dense(pool[0])];
        let mut best = vec![f32::NEG_INFINITY; pool.len()];
        while cent.len() < k {
            let last = cent.last().map(Vec::as_slice).unwrap_or_default();
            let mut far = (0, f32::INFINITY);
            for (j, &r) in pool.iter().enumerate() {
                best[j] = best[j].max(self.dot(r, last));
                if best[j] < far.1 {
                    far = (j, best[j]);
                }
            }
            cent.push(dense(pool[far.0]));
        }
        let mut assign = vec![0usize; members.len()];
        for _ in 0..ITERATIONS {
            for (a, &r) in assign.iter_mut().zip(members) {
                let mut top = (0, f32::NEG_INFINITY);
                for (j, c) in cent.iter().enumerate() {
                    let d = self.dot(r, c);
                    if d > top.1 {
                        top = (j, d);
                    }
                }
                *a = top.0;
            }
            for c in cent.iter_mut() {
                c.iter_mut().for_each(|x| *x = 0.0);
            }
            for (&a, &r) in assign.iter().zip(members) {
                for &(i, x) in &self.rows[r] {
                    cent[a][i as usize] += x;
                }
            }
            for c in cent.iter_mut() {
                let norm = c.iter().map(|x| x * x).sum::<f32>().sqrt();
                if norm > 0.0 {
                    c.iter_mut().for_each(|x| *x /= norm);
                }
            }
        }
        assign
    }
}
