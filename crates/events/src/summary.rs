//! One-sentence present-tense summaries: the event sentence without its
//! attribution, quotes and dates, its main verb put in the present tense.

use crate::coding::{clause_end, main_trigger, triggers};
use crate::text::{tokenize, Token};
use crate::Coding;
use chronicle_model::{Annotation, Span, TimexType};

const IRREGULAR: &[(&str, &str)] = &[
    ("withdrew", "withdraw"),
    ("met", "meet"),
    ("held", "hold"),
    ("froze", "freeze"),
    ("gave", "give"),
    ("sent", "send"),
    ("took", "take"),
    ("began", "begin"),
    ("fought", "fight"),
    ("struck", "strike"),
    ("threw", "throw"),
    ("made", "make"),
    ("brought", "bring"),
    ("told", "tell"),
    ("sought", "seek"),
    ("led", "lead"),
    ("won", "win"),
    ("went", "go"),
    ("came", "come"),
    ("broke", "break"),
    ("shot", "shoot"),
    ("spoke", "speak"),
    ("left", "leave"),
    ("kept", "keep"),
    ("overran", "overrun"),
    ("swore", "swear"),
    ("blew", "blow"),
    ("stood", "stand"),
    ("chose", "choose"),
    ("rose", "rise"),
    ("fell", "fall"),
    ("drove", "drive"),
    ("paid", "pay"),
    ("said", "say"),
    ("agreed", "agree"),
    ("freed", "free"),
    ("fled", "flee"),
    ("sold", "sell"),
];

const PREPOSITIONS: &[&str] = &["on", "in", "at", "during", "since", "from", "until", "last", "this", "by"];

/// The base form of a past-tense verb, when it looks like one.
fn base_form(word: &str) -> Option<String> {
    if let Some((_, base)) = IRREGULAR.iter().find(|(past, _)| *past == word) {
        return Some(base.to_string());
    }
    let stem = word.strip_suffix("ed")?;
    if stem.len() < 3 {
        return None;
    }
    if let Some(s) = stem.strip_suffix('i') {
        return Some(format!("{s}y"));
    }
    let b = stem.as_bytes();
    let (last, prev) = (b[b.len() - 1], b[b.len() - 2]);
    if last == prev && b"pbgmndtr".contains(&last)
        || stem.ends_with("ll") && stem.len() > 5 && b"eo".contains(&b[b.len() - 3])
    {
        return Some(stem[..stem.len() - 1].to_string());
    }
    let vowel = |c: u8| b"aeiou".contains(&c);
    let needs_e = b"szvcgu".contains(&last)
        || (!vowel(last)
            && b"aou".contains(&prev)
            && b.len() >= 3
            && !vowel(b[b.len() - 3])
            && !b"wxy".contains(&last));
    Some(if needs_e { format!("{stem}e") } else { stem.to_string() })
}

/// The third person singular present of a base form.
fn third_person(base: &str) -> String {
    if base.ends_with(['s', 'x', 'z', 'o']) || base.ends_with("ch") || base.ends_with("sh") {
        format!("{base}es")
    } else if base.ends_with('y') && !["ay", "ey", "oy", "uy"].iter().any(|v| base.ends_with(v)) {
        format!("{}ies", &base[..base.len() - 1])
    } else {
        format!("{base}s")
    }
}

fn is_plural_subject(subject: &str) -> bool {
    let last = subject.split_whitespace().last().unwrap_or("");
    subject.contains(" and ")
        || last.chars().next().is_some_and(char::is_lowercase) && last.ends_with('s') && !last.ends_with("ss")
        || matches!(last, "we" | "We" | "they" | "They")
}

/// Replace the main verb (the trigger or the past-tense verb just before
/// it) by its present tense; drops a perfect auxiliary (`has imposed`).
fn present_tense(tokens: &[Token], at: usize, text: &str, edits: &mut Vec<(Span, String)>) {
    let from = at.saturating_sub(3);
    let Some((i, base)) = (from..=at).rev().find_map(|i| {
        let t = &tokens[i];
        (t.is_word && !t.capitalised).then(|| base_form(&t.lower)).flatten().map(|b| (i, b))
    }) else {
        return;
    };
    let subject_end = (0..i)
        .rev()
        .find(|&j| !["has", "have", "had", "was", "were"].contains(&tokens[j].lower.as_str()))
        .map_or(0, |j| tokens[j].end);
    let plural = is_plural_subject(&text[..subject_end]);
    let aux = i.checked_sub(1).filter(|&j| ["has", "have", "had"].contains(&tokens[j].lower.as_str()));
    let passive = i.checked_sub(1).filter(|&j| ["was", "were"].contains(&tokens[j].lower.as_str()));
    if let Some(j) = aux {
        edits.push((Span::new(tokens[j].start, tokens[i].start), String::new()));
    }
    if let Some(j) = passive {
        let be = if tokens[j].lower == "were" { "are" } else { "is" };
        edits.push((Span::new(tokens[j].start, tokens[j].end), be.into()));
    } else {
        let verb = if plural { base } else { third_person(&base) };
        edits.push((Span::new(tokens[i].start, tokens[i].end), verb));
    }
}

/// The summary of an event sentence, given its coding and its annotation
/// (spans relative to the sentence).
pub(crate) fn summary_for(sentence: &str, coding: &Coding, annotation: &Annotation) -> String {
    let _ = coding;
    let tokens = tokenize(sentence);
    let end = clause_end(&tokens);
    let mut cut_end = tokens.get(end).map_or(sentence.len(), |t| t.start);
    let mut cut_start = 0;
    // "X said (on Tuesday) that Y …": keep Y.
    if let Some(that) = tokens[..end].iter().position(|t| t.lower == "that") {
        let said = tokens[..that].iter().any(|t| crate::coding::lexicon::ATTRIBUTION.contains(&t.lower.as_str()));
        if said && that + 3 < end {
            cut_start = tokens[that + 1].start;
        }
    }
    let mut edits: Vec<(Span, String)> = Vec::new();
    // Dates and times go (the event shows its date apart); a duration is
    // part of what happened ("after an 11-year freeze") and stays.
    let dating = annotation.timexes.iter().filter(|t| matches!(t.kind, TimexType::Date | TimexType::Time));
    for t in dating {
        let mut start = t.span.start;
        if let Some(prev) = tokens.iter().rev().find(|k| k.end <= start) {
            if PREPOSITIONS.contains(&prev.lower.as_str()) && prev.end + 1 >= start {
                start = prev.start;
            }
        }
        edits.push((Span::new(start, t.span.end.min(sentence.len())), String::new()));
    }
    let local: Vec<Token> = tokens.iter().filter(|t| t.start >= cut_start && t.end <= cut_end).cloned().collect();
    let found = triggers(&local, local.len());
    if let Some(tr) = main_trigger(&local, &found) {
        let shifted = &sentence[cut_start..];
        let offset_tokens: Vec<Token> =
            local.iter().map(|t| Token { start: t.start - cut_start, end: t.end - cut_start, ..t.clone() }).collect();
        let mut verb_edits = Vec::new();
        present_tense(&offset_tokens, tr.first, shifted, &mut verb_edits);
        edits.extend(verb_edits.into_iter().map(|(s, v)| (Span::new(s.start + cut_start, s.end + cut_start), v)));
    }
    cut_end = cut_end.min(sentence.len());
    apply(sentence, cut_start, cut_end, edits)
}

fn apply(sentence: &str, start: usize, end: usize, mut edits: Vec<(Span, String)>) -> String {
    edits.retain(|(s, _)| s.start >= start && s.end <= end && sentence.get(s.start..s.end).is_some());
    edits.sort_by_key(|(s, _)| s.start);
    let mut out = String::new();
    let mut pos = start;
    for (span, with) in edits {
        if span.start < pos {
            continue;
        }
        out.push_str(&sentence[pos..span.start]);
        out.push_str(&with);
        pos = span.end;
    }
    out.push_str(&sentence[pos..end]);
    tidy(&out)
}

/// Collapse spaces, drop quotes and dangling punctuation, capitalise, and
/// end with a full stop.
fn tidy(s: &str) -> String {
    let no_quotes: String = s.chars().filter(|c| !"\"“”«»{}`".contains(*c)).collect();
    let mut out = no_quotes.split_whitespace().collect::<Vec<_>>().join(" ");
    for p in [" ,", " .", " ;", " :"] {
        out = out.replace(p, &p[1..]);
    }
    out = out.replace(",,", ",");
    let out =
        out.trim_matches(|c: char| c == ',' || c == ';' || c == ':' || c == '-' || c == '\'' || c.is_whitespace());
    let mut chars = out.chars();
    let Some(first) = chars.next() else {
        return String::new();
    };
    let mut result: String = first.to_uppercase().chain(chars).collect();
    if !result.ends_with(['.', '!', '?']) {
        result.push('.');
    }
    result
}

/// The present-tense summary of one event sentence, read without an
/// annotation.
pub fn summarize(sentence: &str) -> String {
    let coding = crate::code(sentence, &Annotation::default());
    summary_for(sentence, &coding, &Annotation::default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_stay_in_the_summary_and_dates_go() {
        let sentence = "Freedonia and Sylvania agreed on Tuesday to exchange envoys after an 11-year freeze.";
        let at = |s: &str| {
            let start = sentence.find(s).unwrap();
            Span::new(start, start + s.len())
        };
        let timex = |s: &str, kind, value: &str| chronicle_model::Timex { span: at(s), kind, value: value.into() };
        let annotation = Annotation {
            timexes: vec![
                timex("Tuesday", TimexType::Date, "2031-05-06"),
                timex("11-year", TimexType::Duration, "P11Y"),
            ],
            ..Annotation::default()
        };
        let coding = crate::code(sentence, &annotation);
        let summary = summary_for(sentence, &coding, &annotation);
        assert!(summary.contains("after an 11-year freeze"), "{summary}");
        assert!(!summary.contains("Tuesday"), "{summary}");
    }

    #[test]
    fn past_tense_becomes_present() {
        for (past, base) in [
            ("imposed", "impose"),
            ("lifted", "lift"),
            ("eased", "ease"),
            ("expelled", "expel"),
            ("declared", "declare"),
            ("denied", "deny"),
            ("attacked", "attack"),
            ("stopped", "stop"),
            ("withdrew", "withdraw"),
        ] {
            assert_eq!(base_form(past).as_deref(), Some(base), "{past}");
        }
        assert_eq!(third_person("impose"), "imposes");
        assert_eq!(third_person("deny"), "denies");
    }

    #[test]
    fn strips_attribution_and_tense() {
        let s = summarize("Washington imposed sanctions on the company, a spokesman said.");
        assert_eq!(s, "Washington imposes sanctions on the company.");
    }
}
