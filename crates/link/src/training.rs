//! Learning the re-ranker from events whose stories are known: each such
//! event paired with its first-pass candidates, labelled by whether the two
//! share a story, and a logistic regression fitted to the pairs.

use crate::rerank::{Affinity, Model, AFFINITY, BASE, MEANING, NAMES, SIGNALS};
use crate::{
    best_first, communities_of, first_pass, pair_signals, to_rank, Candidate, Features, Index, LinkConfig, Meaning,
    Meanings,
};
use chronicle_model::Event;
use std::collections::{HashMap, HashSet};

/// Labelled pairs: the signals of (event, candidate) and whether both
/// belong to one story.
#[derive(Debug, Default)]
pub struct TrainingPairs {
    pub signals: Vec<[f32; SIGNALS]>,
    pub same_story: Vec<bool>,
    /// How many pairs each event lent, in order: the pairs of one event
    /// are consecutive.
    pub sizes: Vec<usize>,
    /// The (event, candidate) of each pair, as indexes into the events
    /// given, to write the pairs out for study.
    pub pairs: Vec<(usize, usize)>,
    /// The section of each event given, as an index into `section_names`,
    /// from which [`fit`] learns the sections' affinity.
    pub section_of: Vec<usize>,
    /// The names of the sections ("" for none).
    pub section_names: Vec<String>,
}

impl TrainingPairs {
    /// Set the affinity signal of every pair from `affinity` (pairs are
    /// made with none: it is learned from them).
    pub fn fill_affinity(&mut self, affinity: &Affinity) {
        let values: Vec<f32> =
            self.section_keys().map(|(event, candidate)| affinity.of(Some(event), Some(candidate))).collect();
        for (signals, value) in self.signals.iter_mut().zip(values) {
            signals[AFFINITY] = value;
        }
    }

    /// The sections of each pair's event and candidate.
    fn section_keys(&self) -> impl Iterator<Item = (&str, &str)> {
        let name = |event: usize| self.section_names[self.section_of[event]].as_str();
        self.pairs.iter().map(move |&(event, candidate)| (name(event), name(candidate)))
    }
}

/// The pairs of every event whose story has at least `min_members` events
/// with its first `config.candidates` first-pass candidates. The stories
/// are the events' contexts; they are withheld from the linking, as a
/// curated list read without its labels would be. With `meanings` (the
/// events' sentence vectors, indexed like `events`) the pairs carry the
/// signals of meaning too; without, those are 0.
pub fn training_pairs(
    events: &[Event],
    config: &LinkConfig,
    min_members: usize,
    meanings: Option<&dyn Meanings>,
) -> TrainingPairs {
    let stories: Vec<HashSet<&str>> = events.iter().map(|e| e.contexts.iter().map(String::as_str).collect()).collect();
    let mut members: HashMap<&str, usize> = HashMap::new();
    for story in stories.iter().flatten() {
        *members.entry(story).or_default() += 1;
    }
    let index = Index::build(events.iter().map(Features::withheld).collect());
    // The communities are those of the whole set, as `relate_all` finds them.
    let firsts: Vec<Vec<Candidate>> = (0..events.len()).map(|i| best_first(i, &index, config)).collect();
    let community = communities_of(events.len(), firsts.iter().enumerate(), config);
    let mut out = TrainingPairs::default();
    let mut numbers: HashMap<&str, usize> = HashMap::new();
    for event in events {
        let name = event.category.as_deref().unwrap_or_default();
        let next = numbers.len();
        let number = *numbers.entry(name).or_insert_with(|| {
            out.section_names.push(name.to_string());
            next
        });
        out.section_of.push(number);
    }
    for (i, own) in stories.iter().enumerate() {
        if !own.iter().any(|s| members[s] >= min_members) {
            continue;
        }
        let first = &to_rank(i, firsts[i].clone(), &index, config, meanings);
        let meaning = meanings.map(|meanings| Meaning { meanings, missing: &[0.0; MEANING] });
        out.signals.extend(pair_signals(i, first, &index, &Affinity::default(), &community, meaning));
        out.same_story.extend(first.iter().map(|c| !own.is_disjoint(&stories[c.at])));
        out.sizes.push(first.len());
        out.pairs.extend(first.iter().map(|c| (i, c.at)));
    }
    out
}

/// Each event's `k` best first-pass candidates with their scores, the
/// stories withheld as in [`training_pairs`]: the graph of candidates, to
/// study what reaches an event in more than one step.
pub fn first_pass_graph(events: &[Event], config: &LinkConfig, k: usize) -> Vec<Vec<(usize, f32)>> {
    let index = Index::build(events.iter().map(Features::withheld).collect());
    (0..events.len())
        .map(|i| first_pass(i, &index, config).into_iter().take(k).map(|c| (c.at, c.score)).collect())
        .collect()
}

/// How strongly the weights are pulled towards zero (in standardised
/// units, summed over all pairs): enough to keep a signal that never
/// varies in training at zero weight.
const RIDGE: f64 = 1.0;

/// A logistic regression fitted by Newton's method on the standardised
/// signals. `trained_on` says what the pairs came from.
/// The sections' affinity is learned from the same pairs, and each pair's
/// affinity signal is first set from a table learned without its event's
/// fold (see [`TrainingPairs::cross_fit_affinity`]), so that the weights
/// see it as on events it was not learned from; the pairs keep it, so
/// that what is reported or written out of them afterwards is not judged
/// by a table that saw their labels. With `meaning` the model reads every
/// signal; without, only the first [`BASE`] (those of the sentence
/// vectors are left out of the fit, whatever the pairs hold).
pub fn fit(pairs: &mut TrainingPairs, trained_on: &str, meaning: bool) -> Model {
    pairs.cross_fit_affinity();
    let read = if meaning { SIGNALS } else { BASE };
    let (mean, scale) = standardisation(&pairs.signals);
    let rows: Vec<[f64; SIGNALS + 1]> = pairs.signals.iter().map(|s| standardised(s, &mean, &scale, read)).collect();
    let mut w = [0.0f64; SIGNALS + 1];
    for _ in 0..25 {
        let (gradient, hessian) = newton_terms(&rows, &pairs.same_story, &w);
        let step = solve(hessian, gradient);
        let mut largest = 0.0f64;
        for k in 0..=SIGNALS {
            w[k] -= step[k];
            largest = largest.max(step[k].abs());
        }
        if largest < 1e-6 {
            break;
        }
    }
    Model {
        trained_on: trained_on.to_string(),
        names: NAMES[..read].iter().map(|n| n.to_string()).collect(),
        mean: mean[..read].iter().map(|&m| m as f32).collect(),
        scale: scale[..read].iter().map(|&s| s as f32).collect(),
        weights: w[..read].iter().map(|&x| x as f32).collect(),
        bias: w[SIGNALS] as f32,
        affinity: Affinity::learn(pairs.section_keys().zip(pairs.same_story.iter().copied())),
    }
}

/// How many folds of events the affinity is cross-fitted over.
const FOLDS: usize = 5;

impl TrainingPairs {
    /// Set the affinity signal of each pair from a table learned from the
    /// events of the other folds (events go to folds in turn).
    pub fn cross_fit_affinity(&mut self) {
        let fold_of_pair: Vec<usize> =
            self.sizes.iter().enumerate().flat_map(|(event, &size)| std::iter::repeat_n(event % FOLDS, size)).collect();
        let keys: Vec<(&str, &str)> = self.section_keys().collect();
        let learned: Vec<Affinity> = (0..FOLDS)
            .map(|fold| {
                let others = keys.iter().zip(&self.same_story).zip(&fold_of_pair).filter(|(_, &f)| f != fold);
                Affinity::learn(others.map(|((&key, &same), _)| (key, same)))
            })
            .collect();
        let values: Vec<f32> =
            keys.iter().zip(&fold_of_pair).map(|(key, &fold)| learned[fold].of(Some(key.0), Some(key.1))).collect();
        for (signals, value) in self.signals.iter_mut().zip(values) {
            signals[AFFINITY] = value;
        }
    }
}

/// The mean and standard deviation of each signal (1 for a constant one).
fn standardisation(signals: &[[f32; SIGNALS]]) -> (Vec<f64>, Vec<f64>) {
    let n = signals.len().max(1) as f64;
    let mut mean = vec![0.0; SIGNALS];
    let mut square = vec![0.0; SIGNALS];
    for s in signals {
        for k in 0..SIGNALS {
            mean[k] += s[k] as f64 / n;
            square[k] += (s[k] as f64).powi(2) / n;
        }
    }
    let scale = (0..SIGNALS)
        .map(|k| {
            let sd = (square[k] - mean[k] * mean[k]).max(0.0).sqrt();
            if sd > 1e-9 {
                sd
            } else {
                1.0
            }
        })
        .collect();
    (mean, scale)
}

/// Standardised signals with a last column of ones for the bias; the
/// signals from `read` on are 0, so that their weights stay 0.
fn standardised(s: &[f32; SIGNALS], mean: &[f64], scale: &[f64], read: usize) -> [f64; SIGNALS + 1] {
    let mut row = [1.0; SIGNALS + 1];
    for k in 0..SIGNALS {
        row[k] = if k < read { (s[k] as f64 - mean[k]) / scale[k] } else { 0.0 };
    }
    row
}

type Square = Vec<[f64; SIGNALS + 1]>;

/// The gradient and Hessian of the penalised log loss at `w` (the bias,
/// last, is not penalised).
fn newton_terms(rows: &[[f64; SIGNALS + 1]], labels: &[bool], w: &[f64; SIGNALS + 1]) -> ([f64; SIGNALS + 1], Square) {
    let mut gradient = [0.0; SIGNALS + 1];
    let mut hessian: Square = vec![[0.0; SIGNALS + 1]; SIGNALS + 1];
    for (x, &y) in rows.iter().zip(labels) {
        let z: f64 = x.iter().zip(w).map(|(a, b)| a * b).sum();
        let p = 1.0 / (1.0 + (-z).exp());
        let r = p - if y { 1.0 } else { 0.0 };
        let v = p * (1.0 - p);
        for a in 0..=SIGNALS {
            gradient[a] += r * x[a];
            for b in a..=SIGNALS {
                hessian[a][b] += v * x[a] * x[b];
            }
        }
    }
    let upper = hessian.clone();
    for (a, row) in hessian.iter_mut().enumerate() {
        for (b, cell) in row.iter_mut().enumerate().take(a) {
            *cell = upper[b][a];
        }
        if a < SIGNALS {
            gradient[a] += RIDGE * w[a];
            row[a] += RIDGE;
        }
    }
    (gradient, hessian)
}

/// Solve `m x = v` by Gaussian elimination with partial pivoting; `m` is
/// positive definite here, so a pivot is never zero.
fn solve(mut m: Square, mut v: [f64; SIGNALS + 1]) -> [f64; SIGNALS + 1] {
    let n = SIGNALS + 1;
    for col in 0..n {
        let pivot = (col..n).max_by(|&a, &b| m[a][col].abs().total_cmp(&m[b][col].abs())).unwrap_or(col);
        m.swap(col, pivot);
        v.swap(col, pivot);
        let d = m[col][col];
        if d.abs() < 1e-12 {
            continue;
        }
        let pivot_row = m[col];
        for row in col + 1..n {
            let f = m[row][col] / d;
            for (cell, p) in m[row][col..].iter_mut().zip(&pivot_row[col..]) {
                *cell -= f * p;
            }
            v[row] -= f * v[col];
        }
    }
    let mut x = [0.0; SIGNALS + 1];
    for row in (0..n).rev() {
        let tail: f64 = (row + 1..n).map(|k| m[row][k] * x[k]).sum();
        x[row] = if m[row][row].abs() < 1e-12 { 0.0 } else { (v[row] - tail) / m[row][row] };
    }
    x
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use chronicle_model::{EntityLabel, EntityRef, EventId, PartialDate};

    /// An event of Sylvania with its story label, if any; shared with the
    /// crate's other tests.
    pub(crate) fn labelled(id: &str, date: &str, text: &str, story: &str) -> Event {
        Event {
            id: EventId(id.into()),
            date: Some(date.parse::<PartialDate>().unwrap()),
            summary: text.into(),
            event_type: None,
            source_actors: vec![],
            target_actors: vec![],
            entities: vec![EntityRef { name: "Sylvania".into(), label: EntityLabel::Location }],
            score: 0.0,
            sources: vec![],
            evidence: vec![],
            contexts: if story.is_empty() { vec![] } else { vec![story.into()] },
            related: vec![],
            category: None,
        }
    }

    #[test]
    fn pairs_are_labelled_by_shared_story_which_the_linking_never_sees() {
        let mut events = [
            labelled("a", "2020-01-01", "Floods reach the capital of Sylvania.", "Sylvanian floods"),
            labelled("b", "2020-01-02", "Floods close the roads of Sylvania.", "Sylvanian floods"),
            labelled("c", "2020-01-03", "Sylvania elects a president.", "Sylvanian election"),
            // Shares nothing but the story label: withheld, it links nothing.
            labelled("d", "2020-01-04", "Rivers rise further.", "Sylvanian floods"),
        ];
        events[3].entities.clear();
        let pairs = training_pairs(&events, &LinkConfig::default(), 2, None);
        // c's story has one event, too few to lend; d finds no candidate.
        assert_eq!(pairs.sizes, [2, 2, 0]);
        assert_eq!(pairs.same_story, [true, false, true, false]);
        assert_eq!(pairs.signals.len(), 4);
        assert_eq!(pairs.section_of, [0; 4], "one section per event, to learn their affinity");
        assert_eq!(pairs.section_names, [""]);
    }

    /// `events` events of the section "War", each paired with four
    /// candidates: first one of its own story and section, then three of
    /// another story filed under "Sport".
    fn war_and_sport_pairs(events: usize) -> TrainingPairs {
        let (war, sport) = (events, events + 1);
        let mut pairs = TrainingPairs {
            section_names: vec!["War".into(), "Sport".into()],
            section_of: [vec![0; events + 1], vec![1]].concat(),
            ..TrainingPairs::default()
        };
        for event in 0..events {
            for candidate in [war, sport, sport, sport] {
                pairs.signals.push([0.0; SIGNALS]);
                pairs.same_story.push(candidate == war);
                pairs.pairs.push((event, candidate));
            }
            pairs.sizes.push(4);
        }
        pairs
    }

    #[test]
    fn fit_learns_the_affinity_of_sections_and_weighs_it() {
        let mut pairs = war_and_sport_pairs(100);
        let model = fit(&mut pairs, "invented pairs", false);
        assert!(model.weights[AFFINITY] > 1.0, "{:?}", model.weights);
        let (war, sport) = (model.affinity.of(Some("War"), Some("War")), model.affinity.of(Some("War"), Some("Sport")));
        assert!(war > model.affinity.prior && sport < model.affinity.prior, "{:?}", model.affinity);
        pairs.fill_affinity(&model.affinity);
        assert_eq!((pairs.signals[0][AFFINITY], pairs.signals[1][AFFINITY]), (war, sport));
    }

    #[test]
    fn pairs_keep_the_cross_fitted_affinity_after_fit_not_zero() {
        // `train_related --dump` wrote the pairs before fitting, with an
        // affinity of 0 in every row; the fit now leaves each pair the
        // affinity learned without its own fold.
        let mut pairs = war_and_sport_pairs(50);
        let model = fit(&mut pairs, "invented pairs", false);
        let (war, sport) = (pairs.signals[0][AFFINITY], pairs.signals[1][AFFINITY]);
        assert!(war > model.affinity.prior && sport < model.affinity.prior, "{war} {sport} {:?}", model.affinity);
        // Learned without a fifth of the events, not equal to the whole table.
        assert_ne!(war, model.affinity.of(Some("War"), Some("War")));
    }

    #[test]
    fn a_fit_without_meaning_reads_none_of_its_signals_whatever_the_pairs_hold() {
        let mut pairs = TrainingPairs::default();
        for n in 0..400 {
            let mut s = [0.0; SIGNALS];
            let same = n % 3 == 0;
            s[0] = (n % 7) as f32 * 0.1;
            s[BASE] = if same { 1.0 } else { 0.0 };
            pairs.signals.push(s);
            pairs.same_story.push(same);
        }
        pairs.sizes.push(400);
        let without = fit(&mut pairs, "invented pairs", false);
        assert_eq!(without.weights.len(), BASE);
        assert!(!without.reads_meaning());
        let with = fit(&mut pairs, "invented pairs", true);
        assert!(with.reads_meaning() && with.weights[BASE] > 1.0, "{:?}", with.weights);
    }

    #[test]
    fn fit_learns_which_signal_tells_the_same_story() {
        let mut pairs = TrainingPairs::default();
        for n in 0..400 {
            let mut s = [0.0; SIGNALS];
            let same = n % 3 == 0;
            s[0] = if same { 1.0 } else { 0.0 } + (n % 7) as f32 * 0.1;
            s[1] = (n % 5) as f32;
            pairs.signals.push(s);
            pairs.same_story.push(same);
        }
        pairs.sizes.push(400);
        let model = fit(&mut pairs, "invented pairs", false);
        assert!(model.weights[0] > 1.0, "{:?}", model.weights);
        assert!(model.weights[1].abs() < 0.5, "{:?}", model.weights);
        assert_eq!(model.weights[5], 0.0, "a constant signal gets no weight");
        let mut high = [0.0; SIGNALS];
        high[0] = 1.3;
        let mut low = [0.0; SIGNALS];
        low[0] = 0.3;
        assert!(model.probability(&high) > 0.5 && model.probability(&low) < 0.5);
    }
}
