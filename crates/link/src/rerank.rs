//! The second pass of the ranking: a logistic model that reads what an
//! event and one of its best candidates share (how rare, of which kind,
//! how far apart in time, how the first pass ranked it) and gives the
//! probability that both belong to one story.
//!
//! The weights are learned from curated events whose story labels are
//! known (`examples/train_related.rs`) and committed as
//! `model/related.json`, read into the binary at build time. A second
//! model, `model/related-meaning.json`, also reads how alike the two
//! summaries are in meaning (their sentence vectors, see
//! [`crate::meaning`]); it runs when the caller has the vectors.

use crate::features::Features;
use crate::index::{Index, Term, TermKind};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::LazyLock;

/// How many signals describe one (event, candidate) pair without the
/// sentence vectors: what the model without them reads.
pub const BASE: usize = OWN + RELATIVE.len();

/// How many signals the sentence vectors add (see [`crate::meaning`]).
pub const MEANING: usize = crate::meaning::NAMES.len();

/// How many signals describe one (event, candidate) pair: the [`BASE`]
/// ones, then those of the sentence vectors (0 when there are none).
pub const SIGNALS: usize = BASE + MEANING;

/// How many signals a pair has on its own (the rest compare it with the
/// event's other candidates).
const OWN: usize = 35;

/// Where [`Pair::signals`] puts the affinity of the two events' sections.
pub const AFFINITY: usize = 33;

/// The signals also given relative to their largest value among the
/// event's candidates: what counts is sharing more than the others do.
pub const RELATIVE: [usize; 4] = [3, 4, 13, 27];

/// The names of the signals, in the order of [`Pair::signals`]; the
/// committed models name them too (the model without sentence vectors
/// the first [`BASE`]), so that a model trained on other signals is
/// refused rather than misread.
pub const NAMES: [&str; SIGNALS] = names();

const fn names() -> [&'static str; SIGNALS] {
    let mut all = [""; SIGNALS];
    let mut k = 0;
    while k < BASE {
        all[k] = BASE_NAMES[k];
        k += 1;
    }
    while k < SIGNALS {
        all[k] = crate::meaning::NAMES[k - BASE];
        k += 1;
    }
    all
}

const BASE_NAMES: [&str; BASE] = [
    "first_pass_score",
    "share_of_best_score",
    "inverse_rank",
    "entity_rarity",
    "word_rarity",
    "rarest_entity",
    "rarest_word",
    "shared_entities",
    "shared_words",
    "place_rarity",
    "person_rarity",
    "organisation_rarity",
    "misc_rarity",
    "cosine",
    "same_category",
    "other_category",
    "same_type",
    "shared_actors",
    "log_days_apart",
    "undated",
    "time_prior",
    "log_features_of_event",
    "log_features_of_candidate",
    "same_day",
    "within_week",
    "within_month",
    "support",
    "strongest_support",
    "wide_support",
    "same_category_within_week",
    "same_category_same_day",
    "event_is_heading",
    "candidate_is_heading",
    "category_affinity",
    "same_community",
    "entity_rarity_of_best",
    "word_rarity_of_best",
    "cosine_of_best",
    "strongest_support_of_best",
];

/// How the first pass saw a candidate: its score, the best score among the
/// event's candidates, its place (0 is first) and its time prior.
#[derive(Debug, Clone, Copy)]
pub struct FirstPass {
    pub score: f32,
    pub best: f32,
    pub rank: usize,
    pub prior: f32,
}

/// One (event, candidate) pair described for the model.
pub struct Pair<'a> {
    pub me: &'a Features,
    pub other: &'a Features,
    pub me_at: usize,
    pub other_at: usize,
    pub first: FirstPass,
    /// How alike the candidate is to the event's other best candidates
    /// (mean cosine): a story's events resemble each other, while a
    /// candidate that shares only one name with the event resembles few.
    pub support: Support,
    /// How often events of the event's section share a story with events
    /// of the candidate's (see [`Affinity`]).
    pub affinity: f32,
    /// Whether the candidate is in the event's community of the candidate
    /// graph: reached in a few steps through other events' candidates.
    pub same_community: bool,
}

/// How alike a candidate is to the event's other best candidates: the
/// mean and the largest similarity to the best few, and the mean to the
/// best dozen.
#[derive(Debug, Clone, Copy, Default)]
pub struct Support {
    pub mean: f32,
    pub strongest: f32,
    pub wide: f32,
}

impl Pair<'_> {
    /// The signals of the pair, in the order of [`NAMES`]; those relative
    /// to the other candidates are left at 0 (see [`relative`]).
    pub fn signals(&self, index: &Index) -> [f32; SIGNALS] {
        let shared = Shared::of(self.me_at, self.other_at, index);
        let (me, other, first) = (self.me, self.other, self.first);
        let category = match (&me.category, &other.category) {
            (Some(a), Some(b)) => (a == b, a != b),
            _ => (false, false),
        };
        let same_type = me.event_type.is_some() && me.event_type == other.event_type;
        let shared_actors = me.actors.iter().filter(|a| other.actors.contains(a)).count();
        let gap = me.day.zip(other.day).map(|(a, b)| (a - b).abs());
        let (days, undated) = gap.map_or((0.0, 1.0), |g| ((g as f32).ln_1p(), 0.0));
        let within = |limit: i32| flag(gap.is_some_and(|g| g <= limit));
        let cosine = cosine(shared.squares, index, self.me_at, self.other_at);
        let own: [f32; OWN] = [
            (first.score / index.most_rare()).ln_1p(),
            if first.best > 0.0 { first.score / first.best } else { 0.0 },
            1.0 / (1.0 + first.rank as f32),
            shared.entity,
            shared.word,
            shared.rarest_entity,
            shared.rarest_word,
            shared.entities as f32,
            shared.words as f32,
            shared.by_label[0],
            shared.by_label[1],
            shared.by_label[2],
            shared.by_label[3],
            cosine,
            flag(category.0),
            flag(category.1),
            flag(same_type),
            shared_actors as f32,
            days,
            undated,
            first.prior,
            (me.keys.len() as f32).ln_1p(),
            (other.keys.len() as f32).ln_1p(),
            within(0),
            within(7),
            within(31),
            self.support.mean,
            self.support.strongest,
            self.support.wide,
            flag(category.0) * within(7),
            flag(category.0) * within(0),
            flag(me.heading),
            flag(other.heading),
            self.affinity,
            flag(self.same_community),
        ];
        let mut all = [0.0; SIGNALS];
        all[..OWN].copy_from_slice(&own);
        all
    }
}

/// Fill in the relative signals of one event's candidates: each of the
/// [`RELATIVE`] signals over its largest value among them.
pub fn relative(signals: &mut [[f32; SIGNALS]]) {
    for (k, &of) in RELATIVE.iter().enumerate() {
        let best = signals.iter().map(|s| s[of]).fold(0.0, f32::max);
        for s in signals.iter_mut() {
            s[OWN + k] = if best > 0.0 { s[of] / best } else { 0.0 };
        }
    }
}

/// The cosine of two events' rarity-weighted feature vectors.
pub fn similarity(a: usize, b: usize, index: &Index) -> f32 {
    cosine(Shared::of(a, b, index).squares, index, a, b)
}

fn cosine(dot: f32, index: &Index, a: usize, b: usize) -> f32 {
    let norms = index.norm(a) * index.norm(b);
    if norms > 0.0 {
        dot / norms
    } else {
        0.0
    }
}

fn flag(b: bool) -> f32 {
    if b {
        1.0
    } else {
        0.0
    }
}

/// What two events share, summed by kind of feature, in units of rarity.
#[derive(Default)]
struct Shared {
    entity: f32,
    word: f32,
    rarest_entity: f32,
    rarest_word: f32,
    entities: usize,
    words: usize,
    /// Entity rarity by class: place, person, organisation, other.
    by_label: [f32; 4],
    /// The dot product of the two rarity-weighted feature vectors.
    squares: f32,
}

impl Shared {
    /// Both term lists are sorted by number, so one merge walk finds what
    /// events `a` and `b` share.
    fn of(a: usize, b: usize, index: &Index) -> Shared {
        let (a, b) = (index.terms(a), index.terms(b));
        let mut out = Shared::default();
        let (mut x, mut y) = (0, 0);
        while x < a.len() && y < b.len() {
            match a[x].id.cmp(&b[y].id) {
                std::cmp::Ordering::Less => x += 1,
                std::cmp::Ordering::Greater => y += 1,
                std::cmp::Ordering::Equal => {
                    out.add(a[x]);
                    x += 1;
                    y += 1;
                }
            }
        }
        out
    }

    fn add(&mut self, term: Term) {
        let rarity = term.rarity;
        self.squares += rarity * rarity;
        let class = match term.kind {
            TermKind::Word => {
                self.word += rarity;
                self.words += 1;
                self.rarest_word = self.rarest_word.max(rarity);
                return;
            }
            // Stories count through the first-pass score: curated events
            // to learn from carry none once their labels are withheld.
            TermKind::Story => return,
            TermKind::Place => 0,
            TermKind::Person => 1,
            TermKind::Organisation => 2,
            TermKind::OtherEntity => 3,
        };
        self.entity += rarity;
        self.entities += 1;
        self.rarest_entity = self.rarest_entity.max(rarity);
        self.by_label[class] += rarity;
    }
}

/// How likely an event of one section is to share a story with a
/// candidate of another, learned from labelled pairs as log-odds: "Armed
/// conflicts and attacks" pairs well with "Politics and elections", and
/// the portal files one kind of item under "Sport" one year and "Sports"
/// the next, which a same-section flag misses. Section pairs seen too
/// rarely to tell keep the log-odds of all pairs.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Affinity {
    /// The log-odds of sharing a story over all pairs.
    pub prior: f32,
    /// For the section pairs seen often enough, the log-odds that an event
    /// filed under the outer key shares a story with a candidate filed
    /// under the inner one ("" for no section). Nested so that each
    /// section is named once in `model/related.json`.
    pub sections: BTreeMap<String, BTreeMap<String, f32>>,
}

/// How many pairs a section pair needs to get its own log-odds.
const AFFINITY_MIN_PAIRS: usize = 20;

/// How many pairs' worth of the prior rate is mixed into each section
/// pair's count, so that a pair seen a few dozen times stays near it.
const AFFINITY_PSEUDO_PAIRS: f64 = 20.0;

impl Affinity {
    /// Learn the table from the (event section, candidate section) of
    /// pairs and whether each pair shares a story.
    pub fn learn<'s>(pairs: impl Iterator<Item = ((&'s str, &'s str), bool)>) -> Affinity {
        let mut counts: BTreeMap<(&str, &str), (usize, usize)> = Default::default();
        for (key, same) in pairs {
            let slot = counts.entry(key).or_default();
            slot.0 += 1;
            slot.1 += usize::from(same);
        }
        let (pairs, same) = counts.values().fold((0, 0), |(n, s), &(a, b)| (n + a, s + b));
        if pairs == 0 || same == 0 || same == pairs {
            return Affinity::default();
        }
        let rate = same as f64 / pairs as f64;
        let log_odds = |n: usize, s: usize| {
            let (n, s) = (n as f64, s as f64);
            ((s + AFFINITY_PSEUDO_PAIRS * rate) / (n - s + AFFINITY_PSEUDO_PAIRS * (1.0 - rate))).ln() as f32
        };
        let mut sections: BTreeMap<String, BTreeMap<String, f32>> = BTreeMap::new();
        for ((event, candidate), (n, s)) in counts.into_iter().filter(|(_, (n, _))| *n >= AFFINITY_MIN_PAIRS) {
            sections.entry(event.to_string()).or_default().insert(candidate.to_string(), log_odds(n, s));
        }
        Affinity { prior: (rate / (1.0 - rate)).ln() as f32, sections }
    }

    /// The log-odds for an event of section `event` and a candidate of
    /// section `candidate`.
    pub fn of(&self, event: Option<&str>, candidate: Option<&str>) -> f32 {
        self.sections
            .get(event.unwrap_or(""))
            .and_then(|row| row.get(candidate.unwrap_or("")))
            .copied()
            .unwrap_or(self.prior)
    }
}

/// A logistic model over standardised signals.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Model {
    /// What it was trained on, and with which command.
    pub trained_on: String,
    pub names: Vec<String>,
    pub mean: Vec<f32>,
    pub scale: Vec<f32>,
    pub weights: Vec<f32>,
    pub bias: f32,
    /// The affinity of sections, learned with the weights.
    pub affinity: Affinity,
}

/// The committed model without sentence vectors, read once.
pub static COMMITTED: LazyLock<Model> = LazyLock::new(|| {
    let model: Model = serde_json::from_str(include_str!("../model/related.json")).expect("model/related.json parses");
    model.check().expect("model/related.json fits the signals");
    assert!(!model.reads_meaning(), "model/related.json reads no sentence vectors");
    model
});

/// The committed model that also reads the sentence vectors, read once.
pub static WITH_MEANING: LazyLock<Model> = LazyLock::new(|| {
    let text = include_str!("../model/related-meaning.json");
    let model: Model = serde_json::from_str(text).expect("model/related-meaning.json parses");
    model.check().expect("model/related-meaning.json fits the signals");
    assert!(model.reads_meaning(), "model/related-meaning.json reads the sentence vectors");
    model
});

impl Model {
    /// Whether the model reads the signals this code computes: the first
    /// [`BASE`] of them, or all.
    pub fn check(&self) -> Result<(), String> {
        let names: Vec<&str> = self.names.iter().map(String::as_str).collect();
        if (names.len() != BASE && names.len() != SIGNALS) || names != NAMES[..names.len()] {
            return Err(format!("model signals {names:?} differ from {NAMES:?}"));
        }
        if [self.mean.len(), self.scale.len(), self.weights.len()] != [names.len(); 3] {
            return Err("model vectors have the wrong length".into());
        }
        // A log-odds that is not a number would make every probability of
        // its pairs of sections one too.
        let mut log_odds = self.affinity.sections.values().flat_map(BTreeMap::values);
        if !self.affinity.prior.is_finite() || log_odds.any(|x| !x.is_finite()) {
            return Err("the affinity of sections holds a log-odds that is not finite".into());
        }
        Ok(())
    }

    /// Whether the model reads the signals of the sentence vectors.
    pub fn reads_meaning(&self) -> bool {
        self.weights.len() == SIGNALS
    }

    /// The probability that a pair with these signals shares a story; a
    /// model without sentence vectors reads the first [`BASE`] signals.
    pub fn probability(&self, signals: &[f32; SIGNALS]) -> f32 {
        let mut z = self.bias;
        for (k, s) in signals.iter().enumerate().take(self.weights.len()) {
            z += self.weights[k] * (s - self.mean[k]) / self.scale[k];
        }
        1.0 / (1.0 + (-z).exp())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn committed_model_reads_the_signals_computed_here() {
        assert_eq!(COMMITTED.check(), Ok(()));
        assert!(COMMITTED.trained_on.contains("2002-2015"), "{}", COMMITTED.trained_on);
    }

    #[test]
    fn the_model_with_meaning_reads_every_signal_and_the_other_the_base_ones() {
        assert_eq!(WITH_MEANING.check(), Ok(()));
        assert!(WITH_MEANING.reads_meaning() && !COMMITTED.reads_meaning());
        assert_eq!((COMMITTED.names.len(), WITH_MEANING.names.len()), (BASE, SIGNALS));
        assert!(WITH_MEANING.weights[BASE] > 0.0, "alike in meaning, likelier one story");
        // A model of some other number of signals is neither.
        let mut model = WITH_MEANING.clone();
        for list in [&mut model.mean, &mut model.scale, &mut model.weights] {
            list.truncate(BASE + 1);
        }
        model.names.truncate(BASE + 1);
        if BASE + 1 != SIGNALS {
            assert!(model.check().is_err());
        }
        let mut model = COMMITTED.clone();
        model.names[BASE - 1] = "meaning".into();
        assert!(model.check().is_err());
    }

    #[test]
    fn a_model_of_other_signals_is_refused() {
        let mut model = COMMITTED.clone();
        model.names.swap(0, 1);
        assert!(model.check().is_err());
        let mut model = COMMITTED.clone();
        model.weights.pop();
        assert!(model.check().is_err());
        let mut model = COMMITTED.clone();
        let row = model.affinity.sections.values_mut().next().unwrap();
        *row.values_mut().next().unwrap() = f32::NAN;
        assert!(model.check().is_err());
        assert_eq!(NAMES[AFFINITY], "category_affinity");
    }

    #[test]
    fn sections_that_share_stories_get_a_higher_affinity_than_the_prior() {
        let mut sections = Vec::new();
        let mut same = Vec::new();
        for n in 0..200 {
            sections.push(("Armed conflicts", "Politics"));
            same.push(n % 2 == 0);
            sections.push(("Sport", "Health"));
            same.push(n % 20 == 0);
        }
        sections.push(("Sport", "Sports"));
        same.push(true);
        let affinity = Affinity::learn(sections.into_iter().zip(same));
        let war_politics = affinity.of(Some("Armed conflicts"), Some("Politics"));
        let sport_health = affinity.of(Some("Sport"), Some("Health"));
        assert!(war_politics > affinity.prior && sport_health < affinity.prior, "{affinity:?}");
        assert_eq!(affinity.of(Some("Sport"), Some("Sports")), affinity.prior, "seen once: too rare to tell");
        assert_eq!(affinity.of(None, Some("Politics")), affinity.prior);
        assert_eq!(affinity.of(Some("Politics"), Some("Armed conflicts")), affinity.prior, "the order counts");
    }

    #[test]
    fn relative_signals_are_shares_of_the_largest() {
        let mut signals = vec![[0.0; SIGNALS]; 2];
        signals[0][RELATIVE[0]] = 2.0;
        signals[1][RELATIVE[0]] = 0.5;
        relative(&mut signals);
        assert_eq!((signals[0][OWN], signals[1][OWN]), (1.0, 0.25));
        assert_eq!(signals[0][OWN + 1], 0.0, "a signal that is 0 everywhere stays 0");
    }
}
