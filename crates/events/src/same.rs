//! Whether two mentions, from different articles, tell of one happening:
//! related types, compatible dates, shared actors or entities, similar words.

use chronicle_model::{EventType, Mention, PartialDate};
use std::collections::HashSet;

/// PLOVER's quad categories, the families types fall into.
fn family(t: EventType) -> u8 {
    use EventType::*;
    match t {
        Agree | Consult | Support | Concede => 0,
        Cooperate | Aid | Retreat | Investigate => 1,
        Request | Demand | Accuse | Disapprove | Reject | Threaten | Sanction => 2,
        Protest | Mobilize | Coerce | Assault | Fight => 3,
    }
}

/// Equal at the coarser of the two precisions; an unknown date fits any.
fn dates_compatible(a: Option<PartialDate>, b: Option<PartialDate>) -> bool {
    let (Some(a), Some(b)) = (a, b) else {
        return true;
    };
    a.year == b.year
        && (a.month.is_none() || b.month.is_none() || a.month == b.month)
        && (a.day.is_none() || b.day.is_none() || a.day == b.day)
}

fn words(m: &Mention) -> HashSet<String> {
    m.text.split(|c: char| !c.is_alphanumeric()).filter(|w| w.chars().count() >= 4).map(str::to_lowercase).collect()
}

fn overlap<T: Eq + std::hash::Hash>(a: &HashSet<T>, b: &HashSet<T>) -> Option<f32> {
    if a.is_empty() || b.is_empty() {
        return None;
    }
    Some(a.intersection(b).count() as f32 / a.len().min(b.len()) as f32)
}

/// How likely two mentions tell of the same happening, 0 to 1; 0 when
/// their dates or type families rule it out.
pub fn happening_similarity(a: &Mention, b: &Mention) -> f32 {
    if !dates_compatible(a.date, b.date) {
        return 0.0;
    }
    if let (Some(x), Some(y)) = (a.event_type, b.event_type) {
        if family(x) != family(y) {
            return 0.0;
        }
    }
    let codes = |m: &Mention| -> HashSet<String> {
        m.source_actors.iter().chain(&m.target_actors).filter_map(|a| a.code.clone()).collect()
    };
    let names = |m: &Mention| -> HashSet<String> { m.entities.iter().map(|e| e.name.clone()).collect() };
    let (wa, wb) = (words(a), words(b));
    let jaccard = if wa.is_empty() || wb.is_empty() {
        0.0
    } else {
        wa.intersection(&wb).count() as f32 / wa.union(&wb).count() as f32
    };
    let parties = [overlap(&codes(a), &codes(b)), overlap(&names(a), &names(b))];
    let known: Vec<f32> = parties.iter().flatten().copied().collect();
    let party = if known.is_empty() { 0.5 } else { known.iter().sum::<f32>() / known.len() as f32 };
    let same_type = if a.event_type == b.event_type { 1.0 } else { 0.5 };
    (0.45 * (jaccard * 2.0).min(1.0) + 0.35 * party + 0.2 * same_type).min(1.0)
}

/// Whether two mentions tell of the same happening (see
/// [`happening_similarity`]).
pub fn same_happening(a: &Mention, b: &Mention) -> bool {
    happening_similarity(a, b) >= 0.6
}
