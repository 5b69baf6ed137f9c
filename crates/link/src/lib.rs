//! Linking: for every event, the events it connects to, ranked by what
//! really connects them (shared entities weighted by rarity, shared stories,
//! shared rare words, the same event type, nearness in time), each with the
//! context that links them: a story label or an entity name, or failing
//! both the rarest word they share.
//!
//! Status boards ([`status`]) read the same event set: which sanctions,
//! detentions and diplomatic ties hold now, and which event changed them.
//!
//! A function of the whole event set: [`relate_all`] takes the events and
//! returns each one's related list. Candidates come from inverted indexes
//! over entities, stories and words, each posting list cut to the events
//! nearest in time, so the cost per event stays bounded as the set grows.
//! A first pass scores them; a logistic model learned from labelled
//! curated events ([`rerank`], trained by [`training`] through
//! `examples/train_related.rs`) orders the first pass's best 50 again, and
//! its probability that the two share a story is the score. When the
//! caller has sentence vectors of the events' summaries ([`Meanings`]), a
//! second model that also reads how alike the two are in meaning
//! ([`meaning`]) orders them instead, with the events nearest in meaning
//! among those nearest in time added to the candidates
//! ([`LinkConfig::by_meaning`]): a story's reports need not share a name.
//!
//! ```
//! use chronicle_link::{relate_all, LinkConfig};
//! assert!(relate_all(&[], &LinkConfig::default()).is_empty());
//! ```

mod community;
mod features;
mod index;
pub mod meaning;
pub mod rerank;
pub mod status;
pub mod training;

use chronicle_model::{Event, Related};
use features::{Feature, Features};
use index::Index;
pub use meaning::Meanings;
use rerank::{Affinity, FirstPass, Model, Pair};
use std::collections::HashMap;
pub use training::{first_pass_graph, fit, training_pairs, TrainingPairs};

/// Tuning of the ranking.
#[derive(Debug, Clone)]
pub struct LinkConfig {
    /// How many related events to keep per event.
    pub keep: usize,
    /// How many neighbours in time to take from one posting list.
    pub window: usize,
    /// Days over which the time prior halves. A story's events come in
    /// bursts of weeks: on the portal events of 2016-2018, 30 days ranks
    /// better than a year (precision@5 0.323 against 0.311).
    pub half_life_days: f32,
    /// How much more an event filed under the same section counts (curated
    /// lists say "Armed conflicts and attacks", "Disasters and accidents"):
    /// stories rarely cross sections.
    pub same_category: f32,
    /// How many of the first pass's best candidates the learned model
    /// ([`rerank`]) orders again; 0 keeps the first pass's order. The
    /// related list (10) and the offers to neighbours (50) come from these.
    pub candidates: usize,
    /// How many candidates the first pass did not bring are added by
    /// meaning, when there are sentence vectors: the events whose summaries
    /// are nearest to the event's among the `meaning_window` events nearest
    /// in time, whether or not they share a rare name or word ("a battle
    /// near Aleppo", "rebels shell a Syrian town"). 0 adds none. Ten lift
    /// the best order of the candidates on 2015 from 0.750 to 0.779, and
    /// the model's precision@5 with them (`docs/BENCHMARKS.md`).
    pub by_meaning: usize,
    /// How many events nearest in time are searched for those nearest in
    /// meaning: this bounds the cost per event, whatever the store holds.
    pub meaning_window: usize,
}

impl Default for LinkConfig {
    fn default() -> Self {
        LinkConfig {
            keep: 10,
            window: 200,
            half_life_days: 30.0,
            same_category: 2.0,
            candidates: OFFERS,
            by_meaning: 10,
            meaning_window: 1000,
        }
    }
}

/// The related list of each event, in the order given. Curated related
/// entries already on an event (read from a chronicle page, see
/// [`Related::is_curated`]) stay first.
pub fn relate_all(events: &[Event], config: &LinkConfig) -> Vec<Vec<Related>> {
    relate_all_with(events, config, None)
}

/// [`relate_all`], ordered by the model that reads the sentence vectors
/// of `meanings` when given (indexed like `events`).
///
/// Each event's first pass and ranking read only what is shared, so the
/// events are ranked side by side on all cores (a first ingest of the
/// 72,066 portal events links every one of them); the lists do not depend
/// on how many cores there are.
pub fn relate_all_with(
    events: &[Event],
    config: &LinkConfig,
    meanings: Option<&(dyn Meanings + Sync)>,
) -> Vec<Vec<Related>> {
    use rayon::prelude::*;
    let index = Index::of(events);
    let firsts: Vec<Vec<Candidate>> =
        (0..events.len()).into_par_iter().map(|i| best_first(i, &index, config)).collect();
    let community = communities_of(events.len(), firsts.iter().enumerate(), config);
    firsts
        .into_par_iter()
        .enumerate()
        .map(|(i, first)| {
            let ranked = ranked(i, first, &index, config, &community, meanings.map(|m| m as &dyn Meanings));
            keep_best(i, events, ranked, config)
        })
        .collect()
}

/// The first pass's candidates of event `i` that the model orders again,
/// or that are edges of the candidate graph, whichever are more; with no
/// model (`candidates` 0) the first pass is the ranking, and stays whole.
fn best_first<'f>(i: usize, index: &'f Index, config: &LinkConfig) -> Vec<Candidate<'f>> {
    let mut first = first_pass(i, index, config);
    if config.candidates == 0 {
        return first;
    }
    first.truncate(config.candidates.max(community::EDGES));
    // Kept for every event of the set: without this each would hold the
    // room of all its candidates (a peak of 4.3 GB instead of 0.7 GB when
    // linking the 72,066 portal events).
    first.shrink_to_fit();
    first
}

/// The communities of the candidate graph made of the first passes given
/// (see [`community`]); none when the model is not used.
fn communities_of<'a, 'f: 'a>(
    events: usize,
    firsts: impl Iterator<Item = (usize, &'a Vec<Candidate<'f>>)>,
    config: &LinkConfig,
) -> Vec<usize> {
    if config.candidates == 0 {
        return (0..events).collect();
    }
    let edges: Vec<(usize, Vec<(usize, f32)>)> =
        firsts.map(|(i, first)| (i, first.iter().take(community::EDGES).map(|c| (c.at, c.score)).collect())).collect();
    community::communities(events, edges.iter().map(|(i, e)| (*i, e.as_slice())))
}

/// What an ingest changes in the related lists: the lists of the changed
/// events, whole, and the changed events offered to the lists of their
/// best neighbours (a neighbour keeps an offer that outranks its last).
#[derive(Debug, Default)]
pub struct Changes {
    pub lists: Vec<(usize, Vec<Related>)>,
    pub offers: Vec<(usize, Related)>,
}

/// How many of a changed event's best neighbours hear of it. Scores are
/// symmetric, so an event outside a neighbour's top few dozen candidates
/// would rarely enter that neighbour's top ten.
const OFFERS: usize = 50;

/// The related lists of the events at `changed` (indexes into `events`),
/// and their offers to their neighbours. `events` must hold every event,
/// but only the changed ones need their curated related entries: the rest
/// may be read lightly (date, summary, type, entities, contexts, category).
pub fn relate_changed(events: &[Event], changed: &[usize], config: &LinkConfig) -> Changes {
    relate_changed_with(events, changed, config, None)
}

/// [`relate_changed`], ordered by the model that reads the sentence
/// vectors of `meanings` when given: it is asked for those of each changed
/// event and its best candidates only.
pub fn relate_changed_with(
    events: &[Event],
    changed: &[usize],
    config: &LinkConfig,
    meanings: Option<&dyn Meanings>,
) -> Changes {
    let index = Index::of(events);
    let is_changed: std::collections::HashSet<usize> = changed.iter().copied().collect();
    let (mut firsts, community) = nearby_communities(changed, &index, config);
    let mut out = Changes::default();
    for &i in changed {
        let first = firsts.remove(&i).unwrap_or_default();
        let ranked = ranked(i, first, &index, config, &community, meanings);
        for &(j, score, context) in ranked.iter().take(OFFERS).filter(|(j, _, _)| !is_changed.contains(j)) {
            let related = Related {
                id: events[i].id.clone(),
                date: events[i].date,
                summary: events[i].summary.clone(),
                context: label(context).to_string(),
                score,
            };
            out.offers.push((j, related));
        }
        out.lists.push((i, keep_best(i, events, ranked, config)));
    }
    out
}

/// The first passes of the changed events and of their candidates, and
/// the communities of the graph they make. Only this neighbourhood is
/// read, so that the cost follows the batch and not the store; an event
/// at its edge may fall in another community than the whole graph would
/// put it in.
fn nearby_communities<'f>(
    changed: &[usize],
    index: &'f Index,
    config: &LinkConfig,
) -> (HashMap<usize, Vec<Candidate<'f>>>, Vec<usize>) {
    let firsts: HashMap<usize, Vec<Candidate>> = changed.iter().map(|&i| (i, best_first(i, index, config))).collect();
    if config.candidates == 0 {
        return (firsts, (0..index.len()).collect());
    }
    let mut near: Vec<usize> = firsts.values().flat_map(|f| f.iter().take(community::EDGES).map(|c| c.at)).collect();
    near.sort_unstable();
    near.dedup();
    let around: Vec<(usize, Vec<Candidate>)> =
        near.into_iter().filter(|j| !firsts.contains_key(j)).map(|j| (j, best_first(j, index, config))).collect();
    let mut all: Vec<(usize, &Vec<Candidate>)> =
        firsts.iter().map(|(&i, f)| (i, f)).chain(around.iter().map(|(j, f)| (*j, f))).collect();
    // Edges in the order of the events, as `relate_all` makes them.
    all.sort_unstable_by_key(|(i, _)| *i);
    let community = communities_of(index.len(), all.into_iter(), config);
    (firsts, community)
}

/// Every event sharing a weighted feature with event `i`, best first, with
/// its score and the feature that names the link: the first pass's best
/// candidates (`first`) in the order of the learned model (the one that
/// reads sentence vectors when there are `meanings`), whose probability
/// is the score.
fn ranked<'f>(
    i: usize,
    first: Vec<Candidate<'f>>,
    index: &'f Index,
    config: &LinkConfig,
    community: &[usize],
    meanings: Option<&dyn Meanings>,
) -> Vec<Ranked<'f>> {
    if config.candidates == 0 {
        return first.into_iter().map(|c| (c.at, c.score, c.context)).collect();
    }
    let model = if meanings.is_some() { &*rerank::WITH_MEANING } else { &*rerank::COMMITTED };
    let first = to_rank(i, first, index, config, meanings.filter(|_| model.reads_meaning()));
    rerank(i, &first, index, model, community, meanings)
}

/// The candidates the model orders: the first pass's best, then, with
/// sentence vectors, those nearest in meaning that the first pass did not
/// bring (see [`LinkConfig::by_meaning`]).
fn to_rank<'f>(
    i: usize,
    mut first: Vec<Candidate<'f>>,
    index: &'f Index,
    config: &LinkConfig,
    meanings: Option<&dyn Meanings>,
) -> Vec<Candidate<'f>> {
    first.truncate(config.candidates);
    let Some(meanings) = meanings.filter(|_| config.by_meaning > 0) else { return first };
    let brought: std::collections::HashSet<usize> = first.iter().map(|c| c.at).chain([i]).collect();
    let among: Vec<usize> =
        index.near_in_time(index.features(i).day, config.meaning_window).filter(|j| !brought.contains(j)).collect();
    let nearest = meanings.nearest(i, &among, config.by_meaning);
    first.extend(nearest.into_iter().map(|(j, _)| first_pass_of(i, j, index, config)));
    first
}

/// A candidate of the first pass: which event, its score and time prior,
/// and the feature that names the link (none for a candidate drawn by
/// meaning that shares no feature with the event).
#[derive(Clone)]
struct Candidate<'f> {
    at: usize,
    score: f32,
    prior: f32,
    context: Option<&'f Feature>,
}

/// A ranked candidate: which event, the model's score, what names the link.
type Ranked<'f> = (usize, f32, Option<&'f Feature>);

/// What names a link that no shared feature names: the two summaries
/// say alike things in other words.
const ALIKE_IN_MEANING: &str = "alike in meaning";

/// The label of a link's context.
fn label(context: Option<&Feature>) -> &str {
    context.map_or(ALIKE_IN_MEANING, Feature::label)
}

/// The first pass: every event sharing a weighted feature with event `i`,
/// scored by the rarity of what they share, nearness in time, the same
/// section and type; best first.
fn first_pass<'f>(i: usize, index: &'f Index, config: &LinkConfig) -> Vec<Candidate<'f>> {
    // Each candidate's score, and the feature naming its link with that
    // feature's weight (kept, not looked up again for every comparison).
    let mut scores: HashMap<usize, (f32, Option<Naming>)> = HashMap::new();
    let me = index.features(i);
    for feature in &me.keys {
        let weight = index.weight(feature);
        if weight <= 0.0 {
            continue;
        }
        for j in index.neighbours(feature, me.day, config.window) {
            if j == i {
                continue;
            }
            let slot = scores.entry(j).or_insert((0.0, None));
            slot.0 += weight;
            if slot.1.is_none_or(|best| names_better((feature, weight), best)) {
                slot.1 = Some((feature, weight));
            }
        }
    }
    let mut ranked: Vec<Candidate> = scores
        .into_iter()
        .filter_map(|(j, (score, context))| {
            let (context, _) = context?;
            Some(scored(i, j, score, Some(context), index, config))
        })
        .collect();
    ranked.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.at.cmp(&b.at)));
    ranked
}

/// Candidate `j` of event `i` with the first pass's score, from the summed
/// weight of what the two share: the time prior, the same section and
/// the same type raise it.
fn scored<'f>(
    i: usize,
    j: usize,
    shared: f32,
    context: Option<&'f Feature>,
    index: &Index,
    config: &LinkConfig,
) -> Candidate<'f> {
    let (me, other) = (index.features(i), index.features(j));
    let prior = time_prior(me.day, other.day, config.half_life_days);
    let same_type = me.event_type.is_some() && me.event_type == other.event_type;
    let same_category = me.category.is_some() && me.category == other.category;
    let boost = if same_category { config.same_category } else { 1.0 };
    let score = shared * prior * boost * if same_type { 1.2 } else { 1.0 };
    Candidate { at: j, score, prior, context }
}

/// The first pass's view of one pair it did not bring (a candidate drawn
/// by meaning): what the two share, summed and named as the first pass
/// would (every shared feature counted, not only those of events near in
/// time).
fn first_pass_of<'f>(i: usize, j: usize, index: &'f Index, config: &LinkConfig) -> Candidate<'f> {
    let (mine, theirs) = (&index.features(i).keys, &index.features(j).keys);
    let (mut shared, mut naming): (f32, Option<Naming>) = (0.0, None);
    let (mut x, mut y) = (0, 0);
    while x < mine.len() && y < theirs.len() {
        match mine[x].cmp(&theirs[y]) {
            std::cmp::Ordering::Less => x += 1,
            std::cmp::Ordering::Greater => y += 1,
            std::cmp::Ordering::Equal => {
                let feature = &mine[x];
                let weight = index.weight(feature);
                if weight > 0.0 {
                    shared += weight;
                    if naming.is_none_or(|best| names_better((feature, weight), best)) {
                        naming = Some((feature, weight));
                    }
                }
                x += 1;
                y += 1;
            }
        }
    }
    scored(i, j, shared, naming.map(|(feature, _)| feature), index, config)
}

/// How many of the first pass's best candidates a candidate is compared
/// with for its support (see [`rerank::Support`]): a few, and a dozen.
const SUPPORT: usize = 5;
const WIDE_SUPPORT: usize = 12;

/// The signals of event `i` paired with each of its first-pass candidates;
/// those of meaning are read from `meaning` when given (else left at 0).
fn pair_signals(
    i: usize,
    first: &[Candidate],
    index: &Index,
    affinity: &Affinity,
    community: &[usize],
    meaning: Option<Meaning>,
) -> Vec<[f32; rerank::SIGNALS]> {
    let best = first.first().map_or(0.0, |c| c.score);
    let top = &first[..first.len().min(WIDE_SUPPORT)];
    let mut signals: Vec<[f32; rerank::SIGNALS]> = first
        .iter()
        .enumerate()
        .map(|(rank, c)| {
            let first = FirstPass { score: c.score, best, rank, prior: c.prior };
            let support = support(c.at, top, index);
            let (me, other) = (index.features(i), index.features(c.at));
            let affinity = affinity.of(me.category.as_deref(), other.category.as_deref());
            let same_community = community[i] == community[c.at];
            Pair { me, other, me_at: i, other_at: c.at, first, support, affinity, same_community }.signals(index)
        })
        .collect();
    rerank::relative(&mut signals);
    if let Some(meaning) = meaning {
        meaning.fill(i, first, &mut signals);
    }
    signals
}

/// Where the signals of meaning come from, and what to read for a pair
/// whose vectors are missing (the model's mean: an average pair).
#[derive(Clone, Copy)]
struct Meaning<'m> {
    meanings: &'m dyn Meanings,
    missing: &'m [f32],
}

impl Meaning<'_> {
    /// Set the signals of meaning of event `i`'s candidates, asking for
    /// the vectors of the event and of these candidates only.
    fn fill(&self, i: usize, first: &[Candidate], signals: &mut [[f32; rerank::SIGNALS]]) {
        let wanted: Vec<usize> = std::iter::once(i).chain(first.iter().map(|c| c.at)).collect();
        let mut vectors = self.meanings.vectors(&wanted);
        let event = vectors.remove(0);
        let read = meaning::signals(event.as_deref(), &vectors);
        for (pair, read) in signals.iter_mut().zip(read) {
            pair[rerank::BASE..].copy_from_slice(read.as_ref().map_or(self.missing, |r| &r[..]));
        }
    }
}

/// How alike candidate `j` is to the best candidates but itself.
fn support(j: usize, top: &[Candidate], index: &Index) -> rerank::Support {
    let alike: Vec<f32> = top.iter().filter(|c| c.at != j).map(|c| rerank::similarity(j, c.at, index)).collect();
    let near = &alike[..alike.len().min(SUPPORT)];
    let mean = |xs: &[f32]| if xs.is_empty() { 0.0 } else { xs.iter().sum::<f32>() / xs.len() as f32 };
    rerank::Support { mean: mean(near), strongest: near.iter().copied().fold(0.0, f32::max), wide: mean(&alike) }
}

/// The candidates ordered by the model's probability that they share a
/// story with event `i`.
fn rerank<'f>(
    i: usize,
    first: &[Candidate<'f>],
    index: &Index,
    model: &Model,
    community: &[usize],
    meanings: Option<&dyn Meanings>,
) -> Vec<Ranked<'f>> {
    let missing = model.mean.get(rerank::BASE..).unwrap_or_default();
    let meaning = meanings.filter(|_| model.reads_meaning()).map(|meanings| Meaning { meanings, missing });
    let signals = pair_signals(i, first, index, &model.affinity, community, meaning);
    let mut out: Vec<Ranked> =
        first.iter().zip(&signals).map(|(c, s)| (c.at, model.probability(s), c.context)).collect();
    out.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    out
}

/// A shared feature that may name a link, with its weight.
type Naming<'f> = (&'f Feature, f32);

/// Whether `feature` should name a link rather than `best`: a story or an
/// entity before a word, a story before an entity, else the rarer one. A
/// link made of shared words alone ("earthquake", "magnitude") still
/// counts and is named by its rarest word: on the portal events of
/// 2016–2018, dropping such links cost precision@5 0.39 → 0.35.
fn names_better((feature, weight): Naming, (best, best_weight): Naming) -> bool {
    if feature.is_context() != best.is_context() {
        return feature.is_context();
    }
    best_weight < weight || !best.is_story() && feature.is_story()
}

/// The related list of event `i`: its curated entries first, then the best
/// ranked events.
fn keep_best(i: usize, events: &[Event], ranked: Vec<Ranked>, config: &LinkConfig) -> Vec<Related> {
    let mut out: Vec<Related> = events[i].related.iter().filter(|r| r.is_curated()).cloned().collect();
    for (j, score, context) in ranked {
        if out.len() >= config.keep {
            break;
        }
        if out.iter().any(|r| r.id == events[j].id) || events[j].id == events[i].id {
            continue;
        }
        out.push(Related {
            id: events[j].id.clone(),
            date: events[j].date,
            summary: events[j].summary.clone(),
            context: label(context).to_string(),
            score,
        });
    }
    out
}

/// Events close in time are likelier to belong together; the prior halves
/// every `half_life` days and never drops below a floor, so that a story's
/// roots years back can still be found.
fn time_prior(a: Option<i32>, b: Option<i32>, half_life: f32) -> f32 {
    match (a, b) {
        (Some(a), Some(b)) => {
            let gap = (a - b).abs() as f32;
            0.3 + 0.7 * (0.5f32).powf(gap / half_life)
        }
        _ => 0.5,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `n` reports naming Sylvania, over the days of a month.
    fn sylvania_reports(n: usize) -> Vec<Event> {
        let report = |k: usize| {
            let date = format!("2020-01-{:02}", k % 28 + 1);
            crate::training::tests::labelled(&format!("e{k}"), &date, &format!("Sylvania report number {k}."), "")
        };
        (0..n).map(report).collect()
    }

    #[test]
    fn best_first_keeps_no_room_for_the_candidates_it_dropped() {
        // Kept for every event of a set, the first passes held the room of
        // all their candidates: 4.3 GB for the 72,066 portal events.
        let events = sylvania_reports(120);
        let index = Index::of(&events);
        let config = LinkConfig::default();
        let first = best_first(0, &index, &config);
        assert_eq!(first.len(), config.candidates);
        assert!(first.capacity() <= config.candidates.max(community::EDGES), "{}", first.capacity());
    }

    /// Regression: the first pass alone (no model) was cut to the graph's
    /// 10 edges, so `relate_changed` offered other events 10 links where
    /// it offers 50.
    #[test]
    fn the_first_pass_alone_keeps_every_candidate() {
        let events = sylvania_reports(120);
        let index = Index::of(&events);
        let first_pass_alone = LinkConfig { candidates: 0, ..LinkConfig::default() };
        assert_eq!(best_first(0, &index, &first_pass_alone).len(), events.len() - 1);
    }
}
