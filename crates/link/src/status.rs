//! Status boards: what holds now for sanctions, detentions and diplomatic
//! representation, and which event changed it.
//!
//! Each tracked subject is a small state machine driven by the events that
//! tell of it, oldest first: a sanction is imposed, eased, lifted (and may be
//! clarified on the way); a person is detained and released; a dyad's
//! ambassadors are withdrawn and restored. Every change keeps the event and
//! the sentence that caused it.

use chronicle_model::{EntityLabel, Event, EventId, EventType, PartialDate};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// What a board tracks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StatusKind {
    Sanction,
    Detention,
    Diplomatic,
}

impl StatusKind {
    pub const ALL: [StatusKind; 3] = [StatusKind::Sanction, StatusKind::Detention, StatusKind::Diplomatic];

    pub fn parse(name: &str) -> Option<StatusKind> {
        StatusKind::ALL.into_iter().find(|k| k.as_str().eq_ignore_ascii_case(name))
    }

    pub fn as_str(&self) -> &'static str {
        match self {
            StatusKind::Sanction => "sanction",
            StatusKind::Detention => "detention",
            StatusKind::Diplomatic => "diplomatic",
        }
    }
}

/// One change of state, with the event and sentence behind it. Boards are
/// kept in the store between ingests, so they can be read back.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    pub date: Option<PartialDate>,
    pub status: String,
    pub event: EventId,
    /// The source (site, title or input) the sentence was read in.
    pub source: Option<String>,
    pub sentence: String,
}

/// A tracked subject and its history, oldest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Board {
    pub subject: String,
    pub kind: StatusKind,
    /// Who imposed, detained or withdrew, when known.
    pub by: Option<String>,
    pub history: Vec<Change>,
}

impl Board {
    /// The latest state: clarifications refine a state without changing it.
    pub fn status(&self) -> &str {
        self.current().map_or("unknown", |c| c.status.as_str())
    }

    /// Since when the latest state holds.
    pub fn since(&self) -> Option<PartialDate> {
        self.current().and_then(|c| c.date)
    }

    fn current(&self) -> Option<&Change> {
        self.history.iter().rev().find(|c| !REFINEMENTS.contains(&c.status.as_str()))
    }

    /// The board as one JSON record, to be kept in the store between
    /// ingests and read back by [`Board::from_record`].
    pub fn to_record(&self) -> String {
        serde_json::to_string(self).expect("a board is plain data")
    }

    pub fn from_record(record: &str) -> Result<Board, String> {
        serde_json::from_str(record).map_err(|e| format!("status board record: {e}"))
    }

    /// Whether `name` is the subject or the actor of the board.
    pub fn involves(&self, name: &str) -> bool {
        self.subject.eq_ignore_ascii_case(name)
            || self.subject.split('–').any(|s| s.eq_ignore_ascii_case(name))
            || self.by.as_deref().is_some_and(|b| b.eq_ignore_ascii_case(name))
    }
}

/// States that refine the current one rather than replace it.
const REFINEMENTS: &[&str] = &["clarified"];

/// Tells the ISO 3166 code of a name that stands for a country ("Belarus",
/// "Belarusian", "Minsk" as its government); the caller brings the table.
pub type CountryOf<'a> = &'a dyn Fn(&str) -> Option<&'static str>;

/// Countries as the boards name them: one name a code, the one the events
/// use most ("United States" rather than "Washington").
struct Countries<'a> {
    code_of: CountryOf<'a>,
    names: HashMap<&'static str, String>,
}

impl<'a> Countries<'a> {
    /// `named` gives each entity name once per event that names it.
    fn new<N: AsRef<str>>(named: &[(N, usize)], code_of: CountryOf<'a>) -> Self {
        let mut counts: HashMap<(&'static str, &str), usize> = HashMap::new();
        for (name, n) in named {
            let name = name.as_ref();
            if let Some(code) = code_of(name) {
                *counts.entry((code, name)).or_default() += n;
            }
        }
        let mut best: HashMap<&'static str, (usize, &str)> = HashMap::new();
        for ((code, name), n) in counts {
            let entry = best.entry(code).or_insert((0, name));
            if (n, name.len()) > (entry.0, entry.1.len()) {
                *entry = (n, name);
            }
        }
        Countries { code_of, names: best.into_iter().map(|(c, (_, n))| (c, n.to_string())).collect() }
    }

    /// The board's name of the country `name` stands for, if it stands for one.
    fn name(&self, name: &str) -> Option<String> {
        let code = (self.code_of)(name)?;
        Some(self.names.get(code).cloned().unwrap_or_else(|| name.to_string()))
    }

    /// The countries an event names, in order of mention, actors first.
    fn of(&self, event: &Event) -> Vec<String> {
        let actors = event.source_actors.iter().chain(&event.target_actors).filter_map(|a| a.entity.as_deref());
        let mut out: Vec<String> = Vec::new();
        for name in actors.chain(event.entities.iter().map(|e| e.name.as_str())).filter_map(|n| self.name(n)) {
            if !out.contains(&name) {
                out.push(name);
            }
        }
        out
    }
}

/// Every board the events tell of, ordered by kind and subject.
pub fn boards(events: &[Event], country_of: CountryOf<'_>) -> Vec<Board> {
    let named: Vec<(&str, usize)> = events.iter().flat_map(|e| &e.entities).map(|e| (e.name.as_str(), 1)).collect();
    boards_among(events, country_of, &named)
}

/// The boards of a larger collection, read from just its `events` that
/// hold one of the [`board_words`], where `entity_counts` counts the events
/// of the whole collection that name each entity (a country is shown by
/// the name used most). A large store finds those few events through its
/// full-text index instead of reading every event.
pub fn boards_among<N: AsRef<str>>(
    events: &[Event],
    country_of: CountryOf<'_>,
    entity_counts: &[(N, usize)],
) -> Vec<Board> {
    let countries = Countries::new(entity_counts, country_of);
    let mut ordered: Vec<&Event> = events.iter().collect();
    // Oldest first; undated events cannot be placed, so they come last.
    ordered.sort_by_key(|e| (e.date.is_none(), e.date));
    let mut boards: Vec<Board> = Vec::new();
    for event in ordered {
        for reading in readings(event, &countries) {
            let at = match board_for(&boards, &reading) {
                Some(at) => at,
                None => {
                    let board =
                        Board { subject: reading.subject, kind: reading.kind, by: reading.by.clone(), history: vec![] };
                    boards.push(board);
                    boards.len() - 1
                }
            };
            if boards[at].by.is_none() {
                boards[at].by = reading.by;
            }
            boards[at].history.push(change(event, reading.status));
        }
    }
    boards.sort_by(|a, b| (a.kind, &a.subject, &a.by).cmp(&(b.kind, &b.subject, &b.by)));
    boards
}

/// The board a reading belongs to: the same subject and actor (sanctions
/// of the EU and of the US on one country are two regimes); a reading that
/// does not say who acted joins the subject's board when there is one.
fn board_for(boards: &[Board], reading: &Reading) -> Option<usize> {
    let same = |b: &Board| b.kind == reading.kind && b.subject == reading.subject;
    match &reading.by {
        Some(by) => boards.iter().position(|b| same(b) && b.by.as_ref().is_none_or(|x| x == by)),
        None => boards.iter().position(same),
    }
}

fn change(event: &Event, status: &'static str) -> Change {
    let evidence = event.evidence.first();
    let source = evidence
        .and_then(|e| event.sources.iter().find(|s| s.document.as_deref() == Some(e.document.as_str())))
        .or_else(|| event.sources.first())
        .and_then(|s| s.site.clone().or_else(|| s.title.clone()).or_else(|| s.input.clone()));
    Change {
        date: event.date,
        status: status.to_string(),
        event: event.id.clone(),
        source,
        sentence: evidence.map_or_else(|| event.summary.clone(), |e| e.sentence.clone()),
    }
}

/// What one event says of one board.
#[derive(Debug, Clone, PartialEq)]
struct Reading {
    kind: StatusKind,
    subject: String,
    by: Option<String>,
    status: &'static str,
}

/// The words, whole or as a prefix (`true`), without one of which a text
/// tells of no board: every reading below first asks for one of them.
pub fn board_words() -> Vec<(&'static str, bool)> {
    let mut prefixes = [SANCTION_WORDS, RESTRICTION, RELEASE_WORDS, DETENTION_WORDS, DIPLOMATIC_WORDS].concat();
    prefixes.sort_unstable();
    prefixes.dedup();
    prefixes.into_iter().map(|w| (w, true)).chain(FREED.iter().map(|&w| (w, false))).collect()
}

/// The board changes an event tells of.
fn readings(event: &Event, countries: &Countries<'_>) -> Vec<Reading> {
    // Each reading first asks for its own board words, all of them among
    // `board_words`: an event without one reads as no board.
    let text = Text::of(event);
    let found =
        [sanction(event, &text, countries), detention(event, &text, countries), diplomatic(event, &text, countries)];
    found.into_iter().flatten().collect()
}

/// The words of an event's summary and evidence, lower-cased, with the
/// original text kept for finding where entities are named.
struct Text {
    raw: String,
    words: Vec<String>,
}

impl Text {
    fn of(event: &Event) -> Text {
        let mut raw = event.summary.clone();
        if let Some(e) = event.evidence.first() {
            // A line break parts the two, so that looking "after" a word
            // never runs from the summary into the evidence.
            raw.push('\n');
            raw.push_str(&e.sentence.replace('\n', " "));
        }
        let words =
            raw.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect();
        Text { raw, words }
    }

    fn has(&self, prefixes: &[&str]) -> bool {
        self.words.iter().any(|w| prefixes.iter().any(|p| w.starts_with(p)))
    }

    /// The rest of the summary or evidence sentence from byte `at` on.
    fn after(&self, at: usize) -> &str {
        let tail = self.raw.get(at..).unwrap_or_default();
        tail.split('\n').next().unwrap_or_default()
    }

    fn has_word(&self, words: &[&str]) -> bool {
        self.words.iter().any(|w| words.contains(&w.as_str()))
    }

    /// Where the first word starting with one of `prefixes` stands in the
    /// raw text.
    fn at(&self, prefixes: &[&str]) -> Option<usize> {
        self.find_word(|w| prefixes.iter().any(|p| w.starts_with(p)))
    }

    /// Where the first of `words` (whole words) stands in the raw text.
    fn at_word(&self, words: &[&str]) -> Option<usize> {
        self.find_word(|w| words.contains(&w))
    }

    fn find_word(&self, wanted: impl Fn(&str) -> bool) -> Option<usize> {
        let is = |word: &str| wanted(&word.to_lowercase());
        let mut start = None;
        for (i, c) in self.raw.char_indices() {
            match (c.is_alphanumeric(), start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    if is(&self.raw[s..i]) {
                        return Some(s);
                    }
                    start = None;
                }
                _ => {}
            }
        }
        start.filter(|&s| is(&self.raw[s..]))
    }
}

/// Words that name a sanction; a restriction counts when it is on trade.
const SANCTION_WORDS: &[&str] = &["sanction", "embargo", "blacklist"];
const RESTRICTION: &[&str] = &["restriction"];
/// Prefixes of freeing people (whole words of it are [`FREED`]), and of
/// holding them, where a release not done yet still tells they are held.
const RELEASE_WORDS: &[&str] = &["releas", "pardon", "amnest"];
const DETENTION_WORDS: &[&str] = &["detain", "arrest", "jail", "imprison", "prisoner", "custody", "releas"];
const DIPLOMATIC_WORDS: &[&str] = &["ambassador", "envoy", "embass", "diplomat"];

fn sanction(event: &Event, text: &Text, countries: &Countries<'_>) -> Option<Reading> {
    let trade_restriction = text.has(RESTRICTION) && text.has(&["trade", "export", "import"]);
    if !text.has(SANCTION_WORDS) && !trade_restriction {
        return None;
    }
    let status = sanction_status(event, text)?;
    let at = [text.at(SANCTION_WORDS), text.at(RESTRICTION)].into_iter().flatten().min().unwrap_or(0);
    if recalled(text, at) {
        return None;
    }
    let by = sanctioner(event, text, at, countries);
    let subject = named_after(event, text, at, by.as_deref(), countries)
        .or_else(|| named_just_before(event, text, at))
        .or_else(|| {
            let target = event.target_actors.iter().find_map(|a| a.entity.as_deref())?;
            Some(countries.name(target).unwrap_or_else(|| target.to_string())).filter(|t| by.as_ref() != Some(t))
        })?;
    // A sanction is not imposed by its own target ("the Belneftekhim
    // sanction" codes Belneftekhim as the actor).
    let by = by.filter(|b| *b != subject);
    Some(Reading { kind: StatusKind::Sanction, subject, by, status })
}

/// Whether the words before byte `at` make it a recollection ("after the
/// United States imposed sanctions"): that change belongs to an earlier
/// event, not to this one.
fn recalled(text: &Text, at: usize) -> bool {
    let head = text.raw.get(..at).unwrap_or_default().to_lowercase();
    let words: Vec<&str> = head.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    words.iter().rev().take(8).any(|w| ["after", "following", "since", "because"].contains(w))
}

fn sanction_status(event: &Event, text: &Text) -> Option<&'static str> {
    let partial = text.has(&["partial", "certain", "some", "selected", "select"]);
    Some(if text.has(&["clarif"]) {
        "clarified"
    } else if text.has(&["lift", "remov", "revok"]) || text.has_word(&["end", "ends", "ended"]) {
        if partial {
            "eased"
        } else {
            "lifted"
        }
    } else if text.has(&["relax", "suspen", "loosen", "relief"]) || text.has_word(&["ease", "eases", "eased", "easing"])
    {
        "eased"
    } else if text.has(&["impos", "slap", "introduc", "expand", "tighten", "level", "freez", "froze"])
        || event.event_type == Some(EventType::Sanction) && !text.has(DIPLOMATIC_WORDS)
    {
        "imposed"
    } else {
        return None;
    })
}

/// Whole words of freeing ("freed" as a prefix would find "Freedonia").
const FREED: &[&str] = &["free", "freed", "frees", "freeing"];

fn detention(event: &Event, text: &Text, countries: &Countries<'_>) -> Option<Reading> {
    // "urged to release", "if it releases": asked for, not done; the people
    // are still held.
    let asked = text.has(&["urg", "demand", "call"]) || text.has_word(&["if", "unless", "would", "will"]);
    let released = (text.has(RELEASE_WORDS) || text.has_word(FREED)) && !asked;
    let status = if released {
        "released"
    } else if text.has(DETENTION_WORDS) {
        "detained"
    } else {
        return None;
    };
    let verb = text.at(&["releas", "pardon", "detain", "arrest", "jail", "imprison", "prisoner"]);
    let at = [verb, text.at_word(FREED)].into_iter().flatten().min()?;
    // The government that holds or frees them: the country named nearest
    // before the verb ("Minsk released"), else the first one named.
    let holder = nearest_country_before(event, text, at, countries).or_else(|| countries.of(event).into_iter().next());
    let subject = match named_person(event, text, at, countries) {
        Some(person) => person,
        None if text.has(&["prisoner", "detainee", "dissident", "activist"]) => {
            format!("political prisoners in {}", holder.clone()?)
        }
        None => return None,
    };
    Some(Reading { kind: StatusKind::Detention, subject, by: holder, status })
}

fn diplomatic(event: &Event, text: &Text, countries: &Countries<'_>) -> Option<Reading> {
    if !text.has(DIPLOMATIC_WORDS) {
        return None;
    }
    // Talk of a possible return changes nothing yet, and what such a text
    // recalls belongs to earlier events.
    if text.has(&["possib", "discuss", "consider", "could", "might"]) {
        return None;
    }
    let status = if text.has(&["exchang", "restor", "reopen", "return", "appoint", "resum"]) {
        "restored"
    } else if text.has(&["withdr", "recall", "expel", "leave", "reduc", "clos"]) {
        "withdrawn"
    } else {
        return None;
    };
    let mut pair = countries.of(event);
    if pair.len() < 2 {
        return None;
    }
    pair.truncate(2);
    pair.sort();
    Some(Reading { kind: StatusKind::Diplomatic, subject: pair.join("–"), by: None, status })
}

/// The first entity named after byte `at`, other than the sanctioner: the
/// company, body or country a sanction targets ("sanctions on
/// Belneftekhim"), countries under the name the boards use. Actors are
/// looked for as written ("Minsk"), entities by their canonical name.
fn named_after(event: &Event, text: &Text, at: usize, by: Option<&str>, countries: &Countries<'_>) -> Option<String> {
    let tail = text.after(at);
    let entities = event
        .entities
        .iter()
        .filter(|e| e.label != EntityLabel::Misc || countries.name(&e.name).is_some())
        .map(|e| (e.name.as_str(), e.name.as_str()));
    let actors = event.target_actors.iter().chain(&event.source_actors);
    let actors = actors.filter_map(|a| Some((a.text.as_str(), a.entity.as_deref()?)));
    entities
        .chain(actors)
        .filter_map(|(written, name)| {
            Some((tail.find(written)?, countries.name(name).unwrap_or_else(|| name.to_string())))
        })
        .filter(|(_, name)| Some(name.as_str()) != by)
        .min()
        .map(|(_, name)| name)
}

/// The entity named right before the sanction word ("the Belneftekhim
/// sanction").
fn named_just_before(event: &Event, text: &Text, at: usize) -> Option<String> {
    let head = text.raw.get(..at)?.trim_end();
    event.entities.iter().find(|e| head.ends_with(e.name.as_str())).map(|e| e.name.clone())
}

/// The person held or freed: a name after the verb (a person before it is
/// more often the one who asks for the release). Any name that is not a
/// country will do right after the verb ("release Kazulin"), where the
/// tagger did not know it for a person.
fn named_person(event: &Event, text: &Text, at: usize, countries: &Countries<'_>) -> Option<String> {
    let mut found: Vec<(usize, String)> = Vec::new();
    for e in &event.entities {
        let last = e.name.rsplit(' ').next().unwrap_or(&e.name);
        let Some(pos) = text.after(at).find(last) else { continue };
        let right_after = pos < 24 && countries.name(&e.name).is_none() && e.label != EntityLabel::Misc;
        if e.label == EntityLabel::Person || right_after {
            found.push((pos, e.name.clone()));
        }
    }
    found.into_iter().min().map(|(_, name)| name)
}

/// Who imposes or eases a sanction: the source actor's country, else the
/// country named nearest before the sanction word.
fn sanctioner(event: &Event, text: &Text, at: usize, countries: &Countries<'_>) -> Option<String> {
    let source = event.source_actors.iter().find_map(|a| {
        let entity = a.entity.as_deref()?;
        Some(countries.name(entity).unwrap_or_else(|| entity.to_string()))
    });
    source.or_else(|| nearest_country_before(event, text, at, countries))
}

/// The country whose name, as written, stands nearest before byte `at`.
fn nearest_country_before(event: &Event, text: &Text, at: usize, countries: &Countries<'_>) -> Option<String> {
    let head = text.raw.get(..at).unwrap_or_default();
    let written = event.entities.iter().map(|e| e.name.as_str());
    let written = written.chain(event.source_actors.iter().chain(&event.target_actors).map(|a| a.text.as_str()));
    written.filter_map(|w| Some((head.rfind(w)?, countries.name(w)?))).max_by_key(|(pos, _)| *pos).map(|(_, name)| name)
}
