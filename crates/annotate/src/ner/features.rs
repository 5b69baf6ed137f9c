//! The observation features of a token in its sentence: the word, its
//! shape, affixes, neighbours, capitalisation context, whether its
//! lower-cased form is an ordinary word, and gazetteer membership.

use super::clusters::{prefix, Clusters};
use super::hash::FeatureHash;

/// Gazetteer classes a token can belong to (0 is none), with a bit saying
/// whether it continues a multi-word name.
pub type GazCode = u8;

/// Per-token facts computed once and combined into features.
struct Info {
    lw: u64,
    shape: u64,
    short: u64,
    cap: u8,
    lc_known: bool,
    gaz: GazCode,
    /// Word-cluster path code (0: unknown word).
    cl: u16,
    /// Usual case in unlabelled text ([`Clusters::case`]).
    case: u8,
}

const BOS: u64 = 0x0b05;
const EOS: u64 = 0x0e05;

/// Capitalisation class: 0 lower, 1 Initial cap, 2 ALL CAPS, 3 digits,
/// 4 punctuation or other.
fn cap_class(w: &str) -> u8 {
    let mut chars = w.chars();
    let Some(first) = chars.next() else { return 4 };
    let letters = w.chars().filter(|c| c.is_alphabetic()).count();
    if first.is_uppercase() {
        if letters > 1 && w.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase) {
            2
        } else {
            1
        }
    } else if first.is_lowercase() {
        0
    } else if first.is_ascii_digit() {
        3
    } else if letters > 0 && w.chars().find(|c| c.is_alphabetic()).is_some_and(char::is_uppercase) {
        1
    } else {
        4
    }
}

fn shape_hashes(w: &str) -> (u64, u64) {
    let (mut long, mut short) = (FeatureHash::template(0), FeatureHash::template(0));
    let mut last = 0u8;
    for (n, c) in w.chars().enumerate() {
        let s = if c.is_uppercase() {
            b'X'
        } else if c.is_lowercase() {
            b'x'
        } else if c.is_ascii_digit() {
            b'd'
        } else if c.is_ascii() {
            c as u8
        } else {
            b'?'
        };
        if n < 8 {
            long = long.byte(s);
        }
        if s != last {
            short = short.byte(s);
            last = s;
        }
    }
    (long.finish() as u64 | 1 << 40, short.finish() as u64 | 2 << 40)
}

/// The lower-cased form with digits folded to `0`, hashed.
fn lower_hash(w: &str) -> u64 {
    let mut h = FeatureHash::template(1);
    for c in w.chars().flat_map(char::to_lowercase) {
        let c = if c.is_ascii_digit() { '0' } else { c };
        let mut buf = [0u8; 4];
        h = c.encode_utf8(&mut buf).bytes().fold(h, FeatureHash::byte);
    }
    u64::from(h.finish())
}

/// The key of a lower-cased word in the model's vocabulary of words seen
/// in lower case.
pub fn vocab_key(w: &str) -> u32 {
    lower_hash(w) as u32
}

fn f(t: u8, parts: &[u64]) -> u32 {
    let mut h = FeatureHash::template(t);
    for p in parts {
        for b in p.to_le_bytes() {
            h = h.byte(b);
        }
    }
    h.finish()
}

/// One occurrence of a word in a document.
#[derive(Clone, Copy)]
struct Occurrence {
    sentence: u32,
    position: u32,
    /// 0 lower case, 1 capitalised inside a sentence of ordinary case,
    /// 2 capitalised elsewhere (sentence start, headline).
    class: u8,
    /// The lower-case keys of the words before and after it.
    prev: u32,
    next: u32,
    /// Capitalised words just before and after it (up to 2 each).
    run: (u8, u8),
}

/// Where each word occurs in a document: a token elsewhere written in lower
/// case, or after "Mr.", says much about this one.
#[derive(Default)]
pub struct DocIndex {
    words: super::hash::KeyMap<Vec<Occurrence>>,
}

/// Occurrences kept per word: enough to aggregate, bounded for long texts.
const MAX_OCCURRENCES: usize = 12;

impl DocIndex {
    pub fn new(sentences: &[Vec<&str>]) -> Self {
        let mut idx = DocIndex::default();
        for (s, toks) in sentences.iter().enumerate() {
            let headline = is_headline(toks);
            let lws: Vec<u64> = toks.iter().map(|w| lower_hash(w)).collect();
            for (i, w) in toks.iter().enumerate() {
                if !w.chars().any(char::is_alphabetic) {
                    continue;
                }
                let class = match cap_class(w) {
                    0 => 0,
                    1 | 2 if i > 0 && !headline => 1,
                    _ => 2,
                };
                let list = idx.words.entry(lws[i] as u32).or_default();
                if list.len() < MAX_OCCURRENCES {
                    let capd = |k: usize| toks.get(k).is_some_and(|w| matches!(cap_class(w), 1 | 2));
                    let before = (0..i).rev().take_while(|&k| capd(k)).count().min(2) as u8;
                    let after = (i + 1..toks.len()).take_while(|&k| capd(k)).count().min(2) as u8;
                    list.push(Occurrence {
                        sentence: s as u32,
                        position: i as u32,
                        class,
                        prev: i.checked_sub(1).map_or(BOS as u32, |k| lws[k] as u32),
                        next: lws.get(i + 1).map_or(EOS as u32, |&h| h as u32),
                        run: (before, after),
                    });
                }
            }
        }
        idx
    }
}

fn is_headline(tokens: &[&str]) -> bool {
    tokens.len() > 1 && tokens.iter().filter(|w| w.chars().any(char::is_alphabetic)).all(|w| cap_class(w) == 2)
}

/// Features of every token of a sentence, flattened: the features of token
/// `i` are `out[offsets[i]..offsets[i + 1]]`. `doc` is the document's
/// index and this sentence's number in it.
pub fn extract(
    tokens: &[&str],
    gaz: &[GazCode],
    lc_known: impl Fn(u32) -> bool,
    clusters: &Clusters,
    doc: Option<(&DocIndex, usize)>,
    out: &mut Vec<u32>,
    offsets: &mut Vec<usize>,
) {
    out.clear();
    offsets.clear();
    let info: Vec<Info> = tokens
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let (shape, short) = shape_hashes(w);
            let lw = lower_hash(w);
            Info {
                lw,
                shape,
                short,
                cap: cap_class(w),
                lc_known: lc_known(lw as u32),
                gaz: gaz.get(i).copied().unwrap_or(0),
                cl: clusters.path(lw as u32),
                case: clusters.case(lw as u32),
            }
        })
        .collect();
    let headline = u64::from(is_headline(tokens));
    for i in 0..tokens.len() {
        offsets.push(out.len());
        token_features(tokens, &info, i, headline, out);
        if let Some((idx, s)) = doc {
            doc_features(idx, s, i, &info[i], headline, out);
        }
    }
    offsets.push(out.len());
}

fn token_features(tokens: &[&str], info: &[Info], i: usize, headline: u64, out: &mut Vec<u32>) {
    let me = &info[i];
    let at = |d: isize| -> Option<&Info> { info.get(i.checked_add_signed(d)?) };
    let lw = |d: isize| at(d).map_or(if d < 0 { BOS } else { EOS }, |x| x.lw);
    let short = |d: isize| at(d).map_or(if d < 0 { BOS } else { EOS }, |x| x.short);
    let cap = |d: isize| at(d).map_or(9, |x| u64::from(x.cap));
    let gz = |d: isize| at(d).map_or(255, |x| u64::from(x.gaz));
    let w = tokens[i];
    let word = u64::from(FeatureHash::template(2).str(w).finish());
    let first = u64::from(i == 0);
    out.extend_from_slice(&[
        f(0, &[]),
        f(1, &[me.lw]),
        f(2, &[word]),
        f(3, &[me.shape]),
        f(4, &[me.short]),
        f(5, &[lw(-1)]),
        f(6, &[lw(1)]),
        f(7, &[lw(-2)]),
        f(8, &[lw(2)]),
        f(9, &[lw(-1), me.lw]),
        f(10, &[me.lw, lw(1)]),
        f(11, &[short(-1), me.short]),
        f(12, &[me.short, short(1)]),
        f(13, &[short(-1), me.short, short(1)]),
        f(14, &[cap(-1), cap(0), cap(1)]),
        f(15, &[first, cap(0), headline]),
        f(16, &[u64::from(me.lc_known), cap(0), first, headline]),
        f(17, &[gz(-1), gz(0), gz(1)]),
        f(18, &[gz(0)]),
        f(19, &[headline, me.lw]),
        f(20, &[lw(-1), short(0)]),
        f(21, &[short(0), lw(1)]),
        f(22, &[cap(-2), cap(-1), cap(0)]),
        f(23, &[cap(0), cap(1), cap(2)]),
        f(24, &[u64::from(at(-1).is_some_and(|x| x.lc_known)), cap(-1), u64::from(me.lc_known), cap(0)]),
    ]);
    // The run of capitalised tokens around this one: where in it we are.
    let capd = |x: &Info| x.cap == 1 || x.cap == 2;
    if capd(me) && headline == 0 {
        let before = (0..i).rev().take_while(|&k| capd(&info[k])).count().min(3) as u64;
        let after = (i + 1..info.len()).take_while(|&k| capd(&info[k])).count().min(3) as u64;
        out.push(f(25, &[before, after]));
        out.push(f(26, &[before, after, lw(-1)]));
    }
    out.push(f(27, &[lw(-1), cap(0)]));
    out.push(f(28, &[cap(0), lw(1)]));
    out.push(f(29, &[lw(-3)]));
    cluster_features(info, i, out);
    let case = |d: isize| at(d).map_or(9, |x| u64::from(x.case));
    out.push(f(71, &[case(0), cap(0), first, headline]));
    out.push(f(72, &[case(-1), case(0), case(1), headline]));
    out.push(f(31, &[lw(3)]));
    affixes(w, out);
    if w.len() > 2 && w.contains('-') {
        for part in w.split('-').filter(|p| !p.is_empty()) {
            out.push(f(30, &[lower_hash(part)]));
        }
    }
}

/// Cluster paths of the word (three granularities) and its neighbours.
fn cluster_features(info: &[Info], i: usize, out: &mut Vec<u32>) {
    let me = &info[i];
    let lw =
        |d: isize| i.checked_add_signed(d).and_then(|j| info.get(j)).map_or(if d < 0 { BOS } else { EOS }, |x| x.lw);
    let cl = |d: isize, levels: u32| {
        i.checked_add_signed(d).and_then(|j| info.get(j)).map_or(0xffff, |x| u64::from(prefix(x.cl, levels)))
    };
    out.extend_from_slice(&[
        f(60, &[cl(0, 2)]),
        f(61, &[cl(0, 3)]),
        f(62, &[cl(0, 4)]),
        f(63, &[cl(-1, 3)]),
        f(64, &[cl(1, 3)]),
        f(65, &[cl(0, 3), u64::from(me.cap)]),
        f(66, &[cl(-1, 2), cl(0, 2), cl(1, 2)]),
        f(67, &[cl(-2, 3)]),
        f(68, &[cl(2, 3)]),
        f(69, &[lw(-1), cl(0, 3)]),
        f(70, &[cl(0, 3), lw(1)]),
    ]);
}

fn doc_features(idx: &DocIndex, s: usize, i: usize, me: &Info, headline: u64, out: &mut Vec<u32>) {
    if me.cap == 0 || me.cap >= 3 {
        return;
    }
    let Some(list) = idx.words.get(&(me.lw as u32)) else {
        return;
    };
    let mut seen = [false; 3];
    for o in list.iter().filter(|o| (o.sentence as usize, o.position as usize) != (s, i)) {
        seen[o.class as usize] = true;
        // The contexts of its other mentions: "in X", "X said", "Mr. X".
        if o.class == 1 || o.sentence as usize != s {
            out.push(f(51, &[u64::from(o.prev)]));
            out.push(f(52, &[u64::from(o.next)]));
            if o.class == 1 && headline == 0 {
                out.push(f(53, &[u64::from(o.run.0), u64::from(o.run.1)]));
            }
        }
    }
    let seen = seen.map(u64::from);
    out.push(f(50, &[seen[0], seen[1], seen[2], u64::from(me.cap), headline]));
}

fn affixes(w: &str, out: &mut Vec<u32>) {
    let n = w.chars().count();
    let mut pre = FeatureHash::template(40);
    for (k, c) in w.chars().take(4).enumerate() {
        if k + 1 >= n {
            break;
        }
        pre = pre.byte(c as u32 as u8);
        out.push(pre.byte(k as u8).finish());
    }
    let mut suf = FeatureHash::template(41);
    for (k, c) in w.chars().rev().take(5).enumerate() {
        if k + 1 >= n {
            break;
        }
        for l in c.to_lowercase() {
            suf = suf.byte(l as u32 as u8);
        }
        out.push(suf.byte(k as u8).finish());
    }
}
