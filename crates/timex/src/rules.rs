//! The rule table: one regular expression per kind of expression, each with
//! the normaliser that turns its match into a TIMEX3 type and value.
//!
//! Patterns are written with placeholders for the lexicon's word classes
//! (`{M}` a month name, `{D}` a day of the month, `{Y}` a year, `{WD}` a
//! weekday, `{N}` a count, `{U}` a unit, `{S}` a season) and are matched
//! case-insensitively as whole words. When two rules match overlapping
//! text the longer match wins, and of equal ones the rule listed first.
//! A rule that needs words around its expression ("April 24 and 25" for
//! the "25") marks the expression with a group named `span`.

use crate::lexicon;
use crate::resolve::{self, Normalise};
use regex::Regex;
use std::sync::OnceLock;

pub struct Rule {
    pub name: &'static str,
    pub regex: Regex,
    pub norm: Normalise,
}

/// Modifiers that put an expression at one edge of its period; they stay
/// in the span but do not change the value ("early next year" is `2009`).
const EDGE: &str = r"(?:early|late|mid|the middle of|the end of|the beginning of|the start of|the rest of|the remainder of|the first half of|the second half of|earlier|later)";

const RELATIVE: &str = r"(?:last|next|this|that|this past|this coming|the previous|the following|the past|the coming|past|coming|the current|current|the last|the next|the same)";

const QUARTER_PRE: &str = r"(?:the|its|their|this|last|next|this year's|last year's|next year's|year-ago|year-earlier|fiscal|latest|current|comparable|same|fiscal-first|[12]\d\d\d|[12]\d\d\d's)";

const TABLE: &[(&str, &str, Normalise)] = &[
    (
        "iso-date",
        r"(?P<year>[12]\d\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?:T(?P<h>[0-2]\d):(?P<min>[0-5]\d))?",
        resolve::explicit_date,
    ),
    (
        "slash-date",
        r"(?P<month>1[0-2]|0?[1-9])/(?P<day>[12]\d|3[01]|0?[1-9])/(?P<year>[12]\d\d\d|\d\d)",
        resolve::explicit_date,
    ),
    // A weekday joins the date after it only on its own line (a headline's
    // "until Friday" above a dateline is two expressions). Spaces and tabs
    // are spelled out: `[^\S\n]` compiles to a Unicode class that made
    // building the rules half again as costly.
    (
        "month-day-year",
        r"(?:{WD},?[ \t]+)?(?:(?P<mod>last|next|this|this past|this coming)\s+)?(?P<month>{M})\s*(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?:,?\s+(?P<year>[12]\d\d\d))?",
        resolve::month_day,
    ),
    (
        "second-day-of-month",
        r"(?P<month>{M})\s*(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\s*(?:and|to|through|-)\s*(?P<span>(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?:,?\s+(?P<year>[12]\d\d\d))?)",
        resolve::month_day,
    ),
    (
        "week-of-date",
        r"(?:the\s+)?week\s+of\s+(?P<month>{M})\s*(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?:,?\s+(?P<year>[12]\d\d\d))?",
        resolve::week_of_date,
    ),
    (
        "week-of-month",
        r"(?:the\s+)?(?P<ord>first|second|third|fourth|last|final)\s+week\s+of\s+(?P<month>{M})(?:,?\s+(?P<year>[12]\d\d\d))?",
        resolve::week_of_month,
    ),
    (
        "day-month-year",
        r"(?:{WD},?[ \t]+)?(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{M})(?:,?\s+(?P<year>[12]\d\d\d))?",
        resolve::month_day,
    ),
    (
        "month-of-relative-year",
        r"(?:{EDGE}[- ]?\s*)?(?P<month>{M})\s+(?:of\s+)?(?P<rel>this|last|next|the same|that)\s+year",
        resolve::month_of_year,
    ),
    ("month-year", r"(?:{EDGE}[- ]?\s*)?(?P<month>{M}),?\s+(?:of\s+)?(?P<year>[12]\d\d\d)", resolve::month_year),
    ("month", r"(?:(?P<mod>last|next|this|this past|this coming|{EDGE})[- ]?\s*)?(?P<month>{M})", resolve::month_alone),
    (
        "decade",
        r"(?:the\s+)?(?:(?:early|late|mid)[- ]?\s*)?(?:(?P<cent>1[0-9]|20)(?P<dec>\d)0|'(?P<sdec>\d)0)'?s|(?:the\s+)?(?:(?:early|late|mid)[- ]?\s*)?(?P<word>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)",
        resolve::decade,
    ),
    ("bare-decade", r"(?P<pre>the|and|or|to)\s+(?P<span>(?P<ndec>[3-9])0s)", resolve::bare_decade),
    (
        "apostrophe-year",
        r"(?:since|in|of|from|to|until|by|and|through|before|after)\s+(?P<span>'(?P<year>\d\d))",
        resolve::apostrophe_year,
    ),
    (
        "century",
        r"(?:the\s+)?(?P<ord>\d{1,2}(?:st|nd|rd|th)|nineteenth|twentieth|twenty-first)\s+century",
        resolve::century,
    ),
    (
        "year",
        r"(?:(?P<fiscal>fiscal(?:\s+year)?|calendar(?:\s+year)?|the\s+year|model\s+year)\s+)?(?:{EDGE}[- ]?\s*|(?P<prefix>pre|post)-)?(?P<year>1[5-9]\d\d|20\d\d)",
        resolve::year,
    ),
    (
        "quarter",
        r"(?P<pre>(?:{QP}[- ]\s*)*)(?P<ord>first|second|third|fourth|final|1st|2nd|3rd|4th)[- ](?:fiscal[- ])?quarters?(?:\s+(?:of\s+)?(?:fiscal\s+)?(?P<year>[12]\d\d\d)|\s+(?P<ago>a year (?:ago|earlier)|of (?:this|last|next) year))?",
        resolve::quarter,
    ),
    (
        "two-quarters",
        r"(?:the\s+)?(?P<ord>first|last|second)\s+two\s+(?:fiscal\s+)?quarters(?:\s+of\s+(?:fiscal\s+)?(?P<year>[12]\d\d\d))?",
        resolve::half,
    ),
    (
        "unnamed-quarter",
        r"(?P<pre>(?:{QP}[- ]\s*)+)(?:quarter|period)(?:\s+(?P<ago>a year (?:ago|earlier)))?",
        resolve::quarter,
    ),
    (
        "half",
        r"(?P<pre>(?:{QP}[- ]\s*)*)(?P<ord>first|second|last)[- ]half(?:\s+of\s+(?:(?:fiscal|the)\s+)?(?:(?P<year>[12]\d\d\d)|(?P<rel>this|last|next)\s+year|the\s+year))?",
        resolve::half,
    ),
    (
        "season",
        r"(?:(?P<mod>last|this|next|this past|this coming|early|late|mid|the|the early|the late)[- ]?\s*)?(?P<season>{S})(?:\s+(?:of\s+)?(?P<year>[12]\d\d\d))?",
        resolve::season,
    ),
    (
        "edge-relative-unit",
        r"(?P<edge>{EDGE})[- ]?\s*(?P<rel>this|last|next|the past|that)\s+(?P<unit>year|month|week|quarter|decade|century)",
        resolve::relative_unit,
    ),
    (
        "relative-unit",
        r"(?P<rel>{REL})\s+(?P<unit>year|month|week|weekend|quarter|decade|century|fiscal year|financial year)(?:\s+or\s+so)?",
        resolve::relative_unit,
    ),
    (
        "unit-before",
        r"the\s+(?P<unit>year|month|quarter|week|day)\s+(?:before|previous|prior|earlier)",
        resolve::unit_before,
    ),
    (
        "day-beside",
        r"(?:the\s+)?day\s+(?P<dir>before|after)\s+(?:(?P<rel>last|next|this)\s+)?(?P<wd>yesterday|tomorrow|{WD})",
        resolve::day_beside,
    ),
    (
        "relative-day",
        r"(?:(?:earlier|later)\s+)?(?P<rel>that same|that|the following|the next|the previous|the same)\s+day",
        resolve::relative_day,
    ),
    (
        "the-day",
        r"(?:end|ends|ended|ending|finish|finishes|finished|finishing|close|closes|closed|closing)\s+(?P<span>the\s+day)",
        resolve::the_day,
    ),
    (
        "year-ago-adjective",
        r"(?:(?:the|a|its)\s+)?(?:comparable\s+|same\s+)?(?:year-ago|year-earlier|prior-year|previous-year|a-year-ago)\s+(?P<what>period|quarter)|(?:year-ago|year-earlier|prior-year|previous-year|a-year-ago)",
        resolve::year_ago,
    ),
    (
        "same-period-year-ago",
        r"(?:the\s+)?(?:same|corresponding|comparable)\s+(?:period|time|months?|quarter)\s+(?:of\s+|in\s+)?(?:(?:the\s+)?(?:last|previous|prior)\s+year|a\s+year\s+(?:ago|earlier|before))",
        resolve::same_period_year_ago,
    ),
    ("vague-past", r"(?:recent|the last few|the past|past)\s+(?P<unit>years|decades)", resolve::vague_ref),
    ("vague-future", r"(?:the\s+)?(?:coming|upcoming)\s+(?P<unit>years|months|weeks|days|decades)", resolve::vague_ref),
    (
        "vague-duration",
        r"(?:the\s+)?(?:(?:recent|past|last|next|coming|first)\s+)?(?:few|several|many|some)\s+(?P<unit>years|months|weeks|days|decades|hours|minutes|quarters)",
        resolve::plural_unit,
    ),
    ("recent-units", r"recent\s+(?P<unit>months|weeks|days|hours|quarters)", resolve::plural_unit),
    (
        "ago",
        r"(?:(?:about|nearly|almost|more than|less than|some|over|roughly|exactly|at least|barely)\s+)?(?P<n>{N})\s+(?P<unit>{U})(?:\s+or\s+so)?\s+(?P<rel>ago|earlier|from now|hence)",
        resolve::ago,
    ),
    (
        "duration",
        r"(?:(?:the|its|their|his|her)\s+)?(?:(?P<rel>past|last|next|first|latest|previous|coming|following|final|initial|remaining|same|full|entire|whole)\s+)?(?:(?:nearly|almost|more than|less than|no more than|over|up to|some|at least|another|an additional|an extra|the|a full)\s+)?(?P<n>{N})(?:\s*(?P<half>and a half|1/2))?(?:\s+(?:more|additional|straight|consecutive|trading|business|working))?[- ](?P<unit>{U})(?P<half2>\s+and\s+a\s+half)?(?:[- ]long|\s+or\s+so)?",
        resolve::duration,
    ),
    ("half-unit", r"half\s+(?:an?\s+)?(?P<unit>hour|day|year|century|decade)", resolve::half_unit),
    (
        "unit-long",
        r"(?P<unit>(?:year|month|week|day|decade|hour)s?)-long|single-(?P<single>year|month|week|day|decade|hour)",
        resolve::unit_long,
    ),
    ("plural-unit", r"(?P<unit>years|months|weeks|days|decades|hours|minutes)", resolve::plural_unit),
    (
        "over-the-units",
        r"(?:over|through|throughout|across)\s+(?P<span>the\s+(?P<unit>years|decades|centuries))",
        resolve::plural_unit,
    ),
    (
        "set-every",
        r"(?:every|each|per)\s+(?:(?P<n>other|{N})\s+)?(?P<unit>year|month|week|day|quarter|hour|minute|night|morning|{WD})",
        resolve::set_every,
    ),
    ("set-every-month", r"(?:every|each)\s+(?:(?P<month>{M})|(?P<season>{S}))", resolve::set_of_year),
    (
        "set-adverb",
        r"(?P<word>daily|weekly|monthly|annually|yearly|hourly|nightly|biweekly|semiannually|twice a year|twice a day|once a year)",
        resolve::set_adverb,
    ),
    (
        "clock",
        r"(?:(?P<anchor1>today|yesterday|tomorrow|tonight|{WD})\s+(?:at\s+)?)?(?P<h>[01]?\d)(?::(?P<min>[0-5]\d))?\s*(?P<ap>a\.m\.?|p\.m\.?|am|pm|o'clock|in the morning|in the afternoon|in the evening)(?:\s+(?:(?P<tz>[A-Z]{2,4}T|GMT|UTC)))?(?:,?\s+(?:(?P<anchor2>today|yesterday|tomorrow|tonight|{WD})|(?P<month>{M})\s*(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\b))?",
        resolve::clock,
    ),
    (
        "clock-utc",
        r"(?:(?P<anchor1>today|yesterday|tomorrow|{WD})\s+(?:at\s+)?)?(?P<h>[01]?\d|2[0-3]):(?P<min>[0-5]\d)\s*(?P<tz>UTC|GMT)(?:,?\s+(?:(?P<anchor2>today|yesterday|tomorrow|{WD})|(?P<month>{M})\s*(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\b))?",
        resolve::clock,
    ),
    (
        "clock-word",
        r"(?:(?P<anchor1>{WD})\s+)?(?P<word>noon|midday|midnight)(?:\s+(?P<anchor2>today|yesterday|tomorrow|{WD}))?",
        resolve::clock,
    ),
    (
        "day-part",
        r"(?:(?P<edge>early|late|mid|later|earlier)[- ]?\s*)?(?P<anchor>today|yesterday|tomorrow|this|last|{WD}|the)\s+(?P<part>morning|afternoon|evening|night)",
        resolve::day_part,
    ),
    ("edge-day-part", r"(?P<edge>early|late|mid)[- ]?\s*(?P<part>morning|afternoon|evening)", resolve::day_part),
    (
        "day-part-after",
        r"(?:(?P<edge>early|late|mid|later|earlier)[- ]?\s*)?(?P<part>morning|afternoon|evening|night)\s+(?P<anchor>today|yesterday|tomorrow)",
        resolve::day_part,
    ),
    ("weekday-plural", r"(?P<wd>{WD})(?:s|\s+(?P<part>mornings|afternoons|evenings|nights))", resolve::weekday_set),
    ("weekend", r"(?P<rel>the|this|last|next|this past|this coming)\s+weekend", resolve::weekend),
    ("weekday-of-week", r"(?P<wd>{WD})\s+of\s+(?P<rel>last|this|next)\s+week", resolve::weekday),
    (
        "weekday",
        r"(?:(?P<rel>last|next|this|this past|this coming|the previous|the following|early|late)\s+)?(?P<wd>{WD})",
        resolve::weekday,
    ),
    (
        "holiday",
        r"(?:(?P<mod>last|next|this)\s+)?(?P<name>christmas(?:\s+day|\s+eve)?|new year's(?:\s+day|\s+eve)|thanksgiving(?:\s+day)?|independence day|halloween|memorial day|labor day|valentine's day|election day)",
        resolve::holiday,
    ),
    ("edge-deictic", r"(?:early|late|earlier|later)\s+(?P<word>today|yesterday|tomorrow)", resolve::deictic),
    (
        "deictic",
        r"(?P<word>today|tonight|now|right now|currently|current|yesterday|tomorrow|recently|recent|soon|the past|the future|these days|nowadays|lately|at present|presently|the present|overnight|to date|so far this year|once again|former|the time being)",
        resolve::deictic,
    ),
    (
        "spoken-year",
        r"(?:the\s+year\s+)?(?:(?P<season>{S})\s+of\s+)?(?:(?P<month>{M})\s+)?(?P<words>nineteen(?:\s+hundred(?:\s+and)?)?\s+(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)|two thousand(?:\s+and)?(?:\s+(?:one|two|three|four|five|six|seven|eight|nine|ten))?)",
        resolve::spoken_year,
    ),
    (
        "the-year",
        r"(?:the\s+)?(?P<which>full|fiscal|current|latest|latest fiscal|current fiscal|same)?\s*year\b",
        resolve::the_year,
    ),
    (
        "near-future",
        r"the\s+(?:near|short|foreseeable)\s+(?:future|term)|future\s+(?:quarters|years)|a\s+later\s+date",
        resolve::future_ref,
    ),
    ("year-end", r"(?:the\s+)?(?:year-end|year's end|year end|end of the year|end-of-year)", resolve::year_end),
];

fn expand(pattern: &str) -> String {
    pattern
        .replace("{EDGE}", EDGE)
        .replace("{REL}", RELATIVE)
        .replace("{QP}", QUARTER_PRE)
        .replace("{M}", lexicon::MONTH)
        .replace("{WD}", lexicon::WEEKDAY)
        .replace("{S}", lexicon::SEASON)
        .replace("{N}", &lexicon::count_pattern())
        .replace("{U}", lexicon::UNIT)
}

/// The compiled rules, in priority order.
pub fn rules() -> &'static [Rule] {
    static RULES: OnceLock<Vec<Rule>> = OnceLock::new();
    RULES.get_or_init(|| {
        TABLE
            .iter()
            .map(|&(name, pattern, norm)| {
                // ASCII word boundaries: a Unicode `\b` makes the regex
                // engine give up its fast automaton on any page with a
                // non-ASCII character and scan the whole text with its
                // slowest engine (half of all ingest time on real pages).
                let full = format!(r"(?i)\b(?:{})\b", expand(pattern)).replace(r"\b", r"(?-u:\b)");
                let regex = Regex::new(&full).unwrap_or_else(|e| panic!("rule {name}: {e}"));
                Rule { name, regex, norm }
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_rule_compiles() {
        assert!(!super::rules().is_empty());
    }
}
