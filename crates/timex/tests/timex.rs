//! Golden cases for `chronicle_timex::find` (sentences written for these
//! tests) and property tests over arbitrary input.

use chronicle_model::TimexType;
use chronicle_timex::find;
use chrono::NaiveDate;
use proptest::prelude::*;

fn day(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

/// The value of the expression whose text is `phrase` in `text`.
fn value(text: &str, dct: Option<NaiveDate>, phrase: &str) -> String {
    let found = find(text, dct);
    let hit = found.iter().find(|t| t.span.slice(text) == phrase);
    match hit {
        Some(t) => t.value.clone(),
        None => panic!(
            "no timex {phrase:?} in {text:?}; found {:?}",
            found.iter().map(|t| (t.span.slice(text), &t.value)).collect::<Vec<_>>()
        ),
    }
}

/// (text, phrase, value) resolved against 2008-03-11, a Tuesday.
const DCT_2008_03_11: &[(&str, &str, &str)] = &[
    ("The treaty was signed on March 11, 2008 in Oslo.", "March 11, 2008", "2008-03-11"),
    ("Voting closed on 11 March 2008.", "11 March 2008", "2008-03-11"),
    ("The filing is dated 2008-03-11.", "2008-03-11", "2008-03-11"),
    ("Prices peaked in March 2008 before falling.", "March 2008", "2008-03"),
    ("The dam was finished in 1998.", "1998", "1998"),
    ("The minister resigned last November 13th after a long row.", "last November 13th", "2007-11-13"),
    ("The envoy arrived on Thursday, March 6th, with a letter.", "Thursday, March 6th", "2008-03-06"),
    ("Crops failed after the drought last summer.", "last summer", "2007-SU"),
    ("Sales dropped in January of this year.", "January of this year", "2008-01"),
    ("The mayor announced the plan earlier this month.", "earlier this month", "2008-03"),
    ("Exports rose sharply last year.", "last year", "2007"),
    ("The bridge will open next year.", "next year", "2009"),
    ("Talks resume this week in Geneva.", "this week", "2008-W11"),
    ("The court ruled today on the appeal.", "today", "2008-03-11"),
    ("The party is now in opposition.", "now", "PRESENT_REF"),
    ("Rebels shelled the town yesterday.", "yesterday", "2008-03-10"),
    ("Fighting has worsened in recent years.", "recent years", "PAST_REF"),
    ("Rents climbed over the past years.", "the past years", "PAST_REF"),
    ("Profit doubled in the first quarter.", "the first quarter", "2008-Q1"),
    ("Profit doubled in the fourth quarter of 2006.", "the fourth quarter of 2006", "2006-Q4"),
    ("Disco ruled the clubs in the 1970s.", "the 1970s", "197"),
    ("The mill was built in the 19th century.", "the 19th century", "18"),
    ("The strike lasted three days.", "three days", "P3D"),
    ("He served two years in prison.", "two years", "P2Y"),
    ("It ended an 11-year war.", "11-year", "P11Y"),
    ("The committee meets every week.", "every week", "P1W"),
    ("The bulletin is published weekly.", "weekly", "P1W"),
    ("The blast happened at 10:35 a.m. near the station.", "10:35 a.m", "2008-03-11T10:35"),
    ("The council met in November to discuss the budget.", "November", "2007-11"),
    ("The council will meet in May to vote.", "May", "2008-05"),
    ("The outage lasted twenty-four hours.", "twenty-four hours", "PT24H"),
    ("Three weeks ago the border closed.", "Three weeks ago", "2008-W08"),
    ("The plant shut last Friday.", "last Friday", "2008-03-07"),
    ("The offer runs until 5 p.m. EST March 14.", "5 p.m. EST March 14", "2008-03-14T17:00"),
    ("The siege lasted 2 1/2 years.", "2 1/2 years", "P2Y6M"),
    ("The rocket will lift off at 18:00 UTC Thursday.", "18:00 UTC Thursday", "2008-03-13T18:00Z"),
];

#[test]
fn seed_cases_resolve_against_the_document_date() {
    let dct = day(2008, 3, 11);
    for (text, phrase, expected) in DCT_2008_03_11 {
        assert_eq!(value(text, dct, phrase), *expected, "{text}");
    }
}

#[test]
fn weekdays_follow_the_tense_of_their_sentence() {
    // 2019-09-18 is a Wednesday.
    let dct = day(2019, 9, 18);
    assert_eq!(value("The senator spoke on Tuesday.", dct, "Tuesday"), "2019-09-17");
    assert_eq!(value("The senator will speak on Friday.", dct, "Friday"), "2019-09-20");
    assert_eq!(value("The vote took place Wednesday of last week.", dct, "Wednesday of last week"), "2019-09-11");
}

#[test]
fn types_follow_timeml() {
    let dct = day(2008, 3, 11);
    let text = "For three days every week, starting Monday at 9 a.m., the office opens.";
    let kinds: Vec<TimexType> = find(text, dct).iter().map(|t| t.kind).collect();
    assert!(kinds.contains(&TimexType::Duration), "{kinds:?}");
    assert!(kinds.contains(&TimexType::Set), "{kinds:?}");
    assert!(kinds.contains(&TimexType::Time), "{kinds:?}");
}

#[test]
fn without_a_document_date_absolute_dates_still_resolve() {
    assert_eq!(value("It opened on March 11, 2008.", None, "March 11, 2008"), "2008-03-11");
    assert_eq!(value("It opens on March 6 each spring.", None, "March 6"), "XXXX-03-06");
    assert_eq!(value("He left on Tuesday.", None, "Tuesday"), "XXXX-WXX-2");
    let found = find("Exports rose last year.", None);
    assert!(found.iter().all(|t| !t.value.contains("20")), "{found:?}");
}

#[test]
fn verbs_and_amounts_are_not_dates() {
    let dct = day(2008, 3, 11);
    assert!(find("The protesters march on the capital.", dct).is_empty());
    assert!(find("Prices may fall.", dct).is_empty());
    assert!(find("The firm paid $1998 for 2,000 shares.", dct).is_empty());
    assert!(find("The 6-year-old boy was found.", dct).is_empty());
}

#[test]
fn regression_spans_are_byte_offsets_after_multibyte_text() {
    let text = "Zürich’s council — on Tuesday — said so.";
    let found = find(text, day(2019, 9, 18));
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].span.slice(text), "Tuesday");
}

/// Phrases that must not be read as time expressions at all.
fn absent(text: &str, dct: Option<NaiveDate>, phrase: &str) {
    let found = find(text, dct);
    let hit = found.iter().find(|t| t.span.slice(text).contains(phrase));
    assert!(hit.is_none(), "{phrase:?} read as a timex in {text:?}: {found:?}");
}

#[test]
fn counts_halves_and_kinds_of_days() {
    let dct = day(2008, 3, 11);
    assert_eq!(value("The alarm rang a minute and a half later.", dct, "a minute and a half"), "PT1M30S");
    assert_eq!(value("Growth should slow over the next couple of years.", dct, "the next couple of years"), "P2Y");
    assert_eq!(value("The index fell for eight trading days in a row.", dct, "eight trading days"), "P8D");
    assert_eq!(value("Shelling resumed by mid-afternoon.", dct, "mid-afternoon"), "2008-03-11TAF");
    assert_eq!(value("The post-1989 order is fraying.", dct, "post-1989"), "1989");
}

#[test]
fn a_year_ended_on_a_day_is_a_duration_spanning_the_year_only() {
    let dct = day(2008, 3, 11);
    let text = "For the year ended Sept. 30, the firm earned $4 million.";
    assert_eq!(value(text, dct, "the year"), "P1Y");
    absent("The firm moved from a fiscal year to a calendar year.", dct, "year to");
}

#[test]
fn titles_fractions_and_other_nights_are_no_timexes() {
    let dct = day(2008, 3, 11);
    absent("The minister spoke on the programme \"This Week\" about taxes.", dct, "Week");
    absent("He told \"60 Minutes\" that he was innocent.", dct, "Minutes");
    absent("Rates are near a quarter-century low.", dct, "quarter");
    absent("He was shot on the night of Oct. 23 at home.", dct, "night");
    absent("Families kept the craft alive for two thousand years.", dct, "two thousand");
}

#[test]
fn anaphoric_units_count_from_the_last_named_date() {
    let dct = day(2008, 3, 11);
    let text = "The mill opened in June 1998 and closed later that year.";
    assert_eq!(value(text, dct, "later that year"), "1998");
    let text = "He was promoted on May 22, 1995, and the following year he retired.";
    assert_eq!(value(text, dct, "the following year"), "1996");
    let text = "The firm was sold in March 2005. The following month, its chief quit.";
    assert_eq!(value(text, dct, "The following month"), "2005-04");
    let text = "The judge was shot on Oct. 23, 1998. Earlier that day, he had received a fax.";
    assert_eq!(value(text, dct, "Earlier that day"), "1998-10-23");
    // Without a date before it, the document date is the anchor.
    assert_eq!(value("The following year the dam will open.", dct, "The following year"), "2009");
    absent("Prices swung wildly, and trades made that day lost money.", dct, "that day");
}

#[test]
fn spans_follow_timeml_extents() {
    let dct = day(2008, 3, 11);
    // Prepositions and focus words stay outside; "at least" stays inside.
    assert_eq!(value("The family must appeal within 14 days.", dct, "14 days"), "P14D");
    assert_eq!(value("He has led the party for only six months.", dct, "six months"), "P6M");
    assert_eq!(value("Banks must wait at least 30 days.", dct, "at least 30 days"), "P30D");
    // A determiner before a hyphenated adjective belongs to the noun.
    assert_eq!(value("The 14-day wait begins now.", dct, "14-day"), "P14D");
    assert_eq!(value("The firm blamed its third-quarter loss on rain.", dct, "third-quarter"), "2007-Q3");
    assert_eq!(value("The year-ago results were restated.", dct, "year-ago"), "2007");
    // "or so" and edges of a day belong to the expression.
    assert_eq!(value("The plant will close over the next year or so.", dct, "the next year or so"), "2009");
    assert_eq!(value("The deal fell apart late yesterday.", dct, "late yesterday"), "2008-03-10");
    assert_eq!(value("The boat sank last Thanksgiving.", dct, "last Thanksgiving"), "2007-11-22");
}

#[test]
fn a_year_earlier_follows_the_period_just_reported() {
    let dct = day(2008, 3, 11);
    let text = "Net rose in the fourth quarter to $5 million from $4 million a year earlier.";
    assert_eq!(value(text, dct, "a year earlier"), "2006-Q4");
    let text = "Net rose in the fourth quarter. For the nine months, net was $9 million, \
                against $7 million a year earlier.";
    assert_eq!(value(text, dct, "a year earlier"), "2007");
    let text = "Net fell from the year-ago quarter. Sales were flat from a year ago.";
    assert_eq!(value(text, dct, "a year ago"), "2007-Q4");
    let text = "Net fell in the fourth quarter from the 2006 period. Sales were flat from a year ago.";
    assert_eq!(value(text, dct, "a year ago"), "2006-Q4");
}

proptest! {
    #[test]
    fn never_panics_and_spans_are_ordered_char_boundaries(text in "\\PC{0,200}") {
        let found = find(&text, day(2008, 3, 11));
        let mut last_end = 0;
        for t in &found {
            prop_assert!(t.span.start < t.span.end);
            prop_assert!(t.span.start >= last_end);
            prop_assert!(text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end));
            last_end = t.span.end;
        }
    }

    #[test]
    fn never_panics_on_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..300), days in proptest::option::of(0u64..60_000)) {
        let text = String::from_utf8_lossy(&bytes);
        let dct = days.map(|d| NaiveDate::from_ymd_opt(1900, 1, 1).unwrap() + chrono::Days::new(d));
        let _ = find(&text, dct);
    }

    #[test]
    fn never_panics_on_date_like_noise(text in "[0-9A-Za-z ,.:/'-]{0,80}(March|May|Tuesday|ago|year|quarter|a\\.m\\.)[0-9A-Za-z ,.:/'-]{0,80}") {
        let _ = find(&text, None);
        let _ = find(&text, day(1999, 12, 31));
    }
}

#[test]
fn regression_the_previous_weekday_counts_from_the_narrative_day() {
    // 2008-03-11 is a Tuesday; the story has moved to Friday, Feb. 29.
    let dct = day(2008, 3, 11);
    let text = "Shares closed lower on Friday, Feb. 29, down 3% from the previous Friday.";
    assert_eq!(value(text, dct, "the previous Friday"), "2008-02-22");
    // Without a day named before it, the document date anchors it.
    assert_eq!(value("Shares were down from the previous Friday.", dct, "the previous Friday"), "2008-03-07");
}

#[test]
fn regression_set_to_points_a_weekday_ahead() {
    let dct = day(2019, 9, 18);
    assert_eq!(value("The hearing is set to open on Friday in the capital.", dct, "Friday"), "2019-09-20");
}

#[test]
fn the_second_day_of_a_pair_takes_the_month_of_the_first() {
    let dct = day(2008, 3, 11);
    let text = "The summit will be held on April 24 and 25 in the old town.";
    assert_eq!(value(text, dct, "April 24"), "2008-04-24");
    assert_eq!(value(text, dct, "25"), "2008-04-25");
    assert_eq!(value("Polls open March 8-9, 2009.", dct, "9, 2009"), "2009-03-09");
}

#[test]
fn the_week_of_a_date_is_its_iso_week() {
    let dct = day(2008, 3, 11);
    let text = "A ruling is expected the week of April 7.";
    assert_eq!(value(text, dct, "the week of April 7"), "2008-W15");
}

#[test]
fn two_quarters_at_either_end_of_a_year_are_its_halves() {
    let dct = day(2008, 3, 11);
    let text = "Losses should continue through the first two quarters of 2009.";
    assert_eq!(value(text, dct, "the first two quarters of 2009"), "2009-H1");
    assert_eq!(value("Sales will recover in the last two quarters.", dct, "the last two quarters"), "2008-H2");
}

#[test]
fn a_month_without_a_year_is_as_near_as_its_nearest_day() {
    // From late October, January's first day is nine weeks ahead and its
    // last nine months back: a plan "through January" is the coming one.
    let dct = day(1999, 10, 28);
    assert_eq!(value("The credit line runs through January, the bank says.", dct, "January"), "2000-01");
    assert_eq!(value("Sales slumped in July, the bank says.", dct, "July"), "1999-07");
}

#[test]
fn the_same_period_last_year_is_the_period_just_named_a_year_back() {
    let dct = day(2010, 3, 3);
    let text = "Car sales rose 43% in February compared to the same period last year.";
    assert_eq!(value(text, dct, "the same period last year"), "2009-02");
    let text = "Net rose in the third quarter, against a loss in the corresponding period a year earlier.";
    assert_eq!(value(text, dct, "the corresponding period a year earlier"), "2008-Q3");
    // Nothing named before it: the year before the document's.
    assert_eq!(value("Imports fell from the same period last year.", dct, "the same period last year"), "2009");
}

#[test]
fn the_day_a_market_ended_is_the_day_of_the_narrative() {
    // 2008-03-11 is a Tuesday; the report is about Monday.
    let dct = day(2008, 3, 11);
    let text = "On Monday the index fell 3%, ending the day at 7,114.";
    assert_eq!(value(text, dct, "the day"), "2008-03-10");
    assert_eq!(value("The index rose 1% to close the day at 812.", dct, "the day"), "2008-03-11");
    absent("She has waited for the day her son comes home.", dct, "the day");
}

#[test]
fn each_month_or_season_is_a_set_of_every_year() {
    let dct = day(2008, 3, 11);
    let text = "Marchers parade through the town each July and every winter.";
    assert_eq!(value(text, dct, "each July"), "XXXX-07");
    assert_eq!(value(text, dct, "every winter"), "XXXX-WI");
    let kinds: Vec<TimexType> = find(text, dct).iter().map(|t| t.kind).collect();
    assert_eq!(kinds, [TimexType::Set, TimexType::Set]);
}

#[test]
fn regression_said_on_a_weekday_dates_the_saying_not_the_future_it_reports() {
    // 2019-09-18 is a Wednesday.
    let dct = day(2019, 9, 18);
    let text = "The ambassador said on Tuesday it would retaliate.";
    assert_eq!(value(text, dct, "Tuesday"), "2019-09-17");
    let text = "The cuts add to plans announced in January, under which four plants close.";
    assert_eq!(value(text, day(2006, 8, 19), "January"), "2006-01");
}

#[test]
fn the_nth_week_of_a_month_is_an_iso_week() {
    let dct = day(2009, 4, 1);
    let text = "Car sales rebounded in the last week of March.";
    assert_eq!(value(text, dct, "the last week of March"), "2009-W13");
    let text = "Talks open in the first week of June 2010.";
    assert_eq!(value(text, dct, "the first week of June 2010"), "2010-W22");
}

#[test]
fn the_year_before_counts_back_from_the_year_just_named() {
    let dct = day(2010, 1, 28);
    let text = "Costs fell to $118 billion last year, $20 billion less than the year previous.";
    assert_eq!(value(text, dct, "the year previous"), "2008");
    absent("Prices rose in the year before the war.", dct, "the year before");
}

#[test]
fn regression_a_later_quarter_is_the_coming_one_when_nearer() {
    // In August the fourth quarter is next, unless told in the past tense;
    // in January it is the one just past.
    let august = day(2006, 8, 19);
    assert_eq!(value("Output will drop in the fourth quarter.", august, "the fourth quarter"), "2006-Q4");
    assert_eq!(value("Output cuts in the fourth quarter.", august, "the fourth quarter"), "2006-Q4");
    assert_eq!(value("Output dropped in the fourth quarter.", august, "the fourth quarter"), "2005-Q4");
    assert_eq!(value("Output cuts in the fourth quarter.", day(2007, 1, 19), "the fourth quarter"), "2006-Q4");
}

#[test]
fn the_day_before_or_after_a_named_day_is_one_day_away() {
    // 2008-03-11 is a Tuesday.
    let dct = day(2008, 3, 11);
    let text = "The day before last Friday's vote, the mayor resigned.";
    assert_eq!(value(text, dct, "The day before last Friday"), "2008-03-06");
    let text = "The ferry sails the day after tomorrow.";
    assert_eq!(value(text, dct, "the day after tomorrow"), "2008-03-13");
    let text = "The strike began on March 3 and the talks broke down the day before.";
    assert_eq!(value(text, dct, "the day before"), "2008-03-02");
}

#[test]
fn a_unit_long_adjective_is_a_duration() {
    let dct = day(2008, 3, 11);
    assert_eq!(value("Delegates left their second day-long session.", dct, "day-long"), "P1D");
    assert_eq!(value("It ended a years-long feud over water.", dct, "years-long"), "PXY");
}

#[test]
fn single_day_is_a_duration_of_one_day() {
    let dct = day(2008, 3, 11);
    assert_eq!(value("Shares took their worst single-day fall in a decade.", dct, "single-day"), "P1D");
    assert_eq!(value("Rates held for the single-year term.", dct, "single-year"), "P1Y");
}

#[test]
fn a_year_written_with_an_apostrophe_and_two_digits() {
    let dct = day(2008, 10, 27);
    assert_eq!(value("The index sank to its lowest level since '82 on Monday.", dct, "'82"), "1982");
    assert_eq!(value("Loans were cheap in the '90s.", dct, "the '90s"), "199");
}

#[test]
fn a_clock_time_naming_no_day_is_on_the_narrative_day() {
    // 2009-12-16 is a Wednesday; the flight was on the Tuesday.
    let dct = day(2009, 12, 16);
    let text = "The prototype made its first flight on Tuesday in Seattle at 18:00 UTC.";
    assert_eq!(value(text, dct, "18:00 UTC"), "2009-12-15T18:00Z");
    let text = "The board met at 16:15 UTC, June 1st, and voted.";
    assert_eq!(value(text, dct, "16:15 UTC, June 1st"), "2009-06-01T16:15Z");
    // With no day named before it, the clock is on the document's day.
    assert_eq!(value("Polls close at 8 p.m. sharp.", dct, "8 p.m"), "2009-12-16T20:00");
}

#[test]
fn one_day_before_its_verb_is_some_day_to_come() {
    let dct = day(2008, 3, 11);
    assert_eq!(value("The cadet hopes he one day flies to the moon.", dct, "one day"), "FUTURE_REF");
    assert_eq!(value("Solar power will one day be cheap.", dct, "one day"), "FUTURE_REF");
    assert_eq!(value("She had been in the post one day.", dct, "one day"), "P1D");
}

#[test]
fn regression_a_headline_weekday_does_not_join_the_dateline_below_it() {
    // 2008-09-18 is a Thursday.
    let dct = day(2008, 9, 18);
    let text = "Markets to stay closed until Friday\nSeptember 18, 2008\nTrading is halted.";
    assert_eq!(value(text, dct, "Friday"), "2008-09-19");
    assert_eq!(value(text, dct, "September 18, 2008"), "2008-09-18");
    let text = "The envoy arrived on Thursday, September 11, with a letter.";
    assert_eq!(value(text, dct, "Thursday, September 11"), "2008-09-11");
}

#[test]
fn a_decade_without_its_apostrophe_after_the_or_another_decade() {
    let dct = day(2007, 2, 9);
    let text = "The design rid Detroit of the boxy cars of the 70s and 80s.";
    assert_eq!(value(text, dct, "70s"), "197");
    assert_eq!(value(text, dct, "80s"), "198");
    absent("The mayor, now in his 30s, ran again.", dct, "30s");
}

#[test]
fn the_adjective_recent_is_a_past_reference() {
    let dct = day(2008, 3, 11);
    assert_eq!(value("Analysts blame recent losses on the weak dollar.", dct, "recent"), "PAST_REF");
    assert_eq!(value("Fighting has worsened in recent years.", dct, "recent years"), "PAST_REF");
}

#[test]
fn soon_points_ahead_unless_it_only_orders_events() {
    let dct = day(2008, 3, 11);
    assert_eq!(value("The court may soon rule on the appeal.", dct, "soon"), "FUTURE_REF");
    assert_eq!(value("They want the ship back as soon as possible.", dct, "soon"), "FUTURE_REF");
    absent("The ferry leaves as soon as the storm passes.", dct, "soon");
    absent("Riots broke out soon after the vote.", dct, "soon");
    absent("The trickle of cash soon became a flood.", dct, "soon");
    absent("He was soon released.", dct, "soon");
    absent("The files soon disappeared from the archive.", dct, "soon");
}

#[test]
fn a_part_of_the_day_without_its_day_is_on_the_narrative_day() {
    // 2008-03-10 is a Monday; the trading was on the Friday before.
    let dct = day(2008, 3, 10);
    let text = "Hopes were dashed Friday. Dealers placed buy orders in the morning.";
    assert_eq!(value(text, dct, "the morning"), "2008-03-07TMO");
    assert_eq!(value("Dealers placed buy orders in the morning.", dct, "the morning"), "2008-03-10TMO");
}

#[test]
fn hours_told_with_a_part_of_the_day() {
    let dct = day(2008, 3, 10);
    assert_eq!(value("The convoy leaves at 4 in the morning.", dct, "4 in the morning"), "2008-03-10T04:00");
    assert_eq!(value("Doors open at 7 in the evening.", dct, "7 in the evening"), "2008-03-10T19:00");
}

#[test]
fn overnight_is_the_night_before_the_narrative_day() {
    // 2008-03-10 is a Monday.
    let dct = day(2008, 3, 10);
    let text = "Shares slid on Friday. Traders blamed overnight losses in Tokyo.";
    assert_eq!(value(text, dct, "overnight"), "2008-03-06TNI");
    assert_eq!(value("Traders blamed overnight losses in Tokyo.", dct, "overnight"), "2008-03-09TNI");
}

#[test]
fn a_day_named_sentences_back_no_longer_sets_the_clock() {
    let dct = day(2008, 3, 10);
    let filler = "The council debated the budget at length. ".repeat(12);
    let text = format!("The dam broke on March 3. {filler}Polls close at 8 p.m. sharp.");
    assert_eq!(value(&text, dct, "8 p.m"), "2008-03-10T20:00");
}

#[test]
fn should_points_a_bare_month_ahead() {
    // In June, "should be done in October" is this October, not last year's.
    let dct = day(2009, 6, 5);
    assert_eq!(value("The sale should be completed in October.", dct, "October"), "2009-10");
    assert_eq!(value("The sale was completed in October.", dct, "October"), "2008-10");
}

#[test]
fn a_short_month_joined_to_another_month_is_a_date() {
    let dct = day(2008, 11, 18);
    let text = "The economy shrank between April and June, and again in May or July.";
    assert_eq!(value(text, dct, "June"), "2008-06");
    assert_eq!(value(text, dct, "July"), "2008-07");
    assert_eq!(value("Output fell between June and August.", dct, "June"), "2008-06");
    absent("The Marine and June Carter sang.", dct, "June");
}

#[test]
fn high_noon_is_no_clock_time() {
    let dct = day(2008, 3, 11);
    absent("For the reformers, high noon comes today.", dct, "noon");
    absent("The poster showed a scene from the film High Noon.", dct, "Noon");
    assert_eq!(value("The polls close at noon.", dct, "noon"), "2008-03-11T12:00");
}

#[test]
fn a_half_of_something_other_than_a_year_is_no_half_year() {
    let dct = day(1989, 10, 27);
    absent("Sales were flat through the last half of the '80s.", dct, "the last half");
    absent("The visitors scored twice in the second half of the match.", dct, "the second half");
    assert_eq!(
        value("Profit will rise in the first half of next year.", dct, "the first half of next year"),
        "1990-H1"
    );
    assert_eq!(value("Profit rose in the first half.", dct, "the first half"), "1989-H1");
}

/// Regression: a word starting with "of" ("offerings", "often") after a
/// half year or a season was read as "of" and the expression dropped.
#[test]
fn regression_a_word_starting_with_of_is_not_of() {
    let dct = day(1989, 10, 27);
    assert_eq!(value("Sales rose in the first half offsetting losses.", dct, "the first half"), "1989-H1");
    assert_eq!(value("Rains came in the summer often.", dct, "the summer"), "1989-SU");
}

#[test]
fn the_past_before_a_count_is_no_past_reference() {
    let dct = day(1998, 3, 22);
    absent("Marches have led to riots for the past three summers.", dct, "the past");
    assert_eq!(value("Such riots belong to the past.", dct, "the past"), "PAST_REF");
    assert_eq!(value("Prices fell over the past two years.", dct, "the past two years"), "P2Y");
}

#[test]
fn a_plural_weekday_is_a_set() {
    let dct = day(1998, 2, 13);
    let text = "New flights leave on Mondays and on Tuesday nights from March 30.";
    assert_eq!(value(text, dct, "Mondays"), "XXXX-WXX-1");
    assert_eq!(value(text, dct, "Tuesday nights"), "XXXX-WXX-2TNI");
    let found = find(text, dct);
    assert!(found.iter().filter(|t| t.value.starts_with("XXXX-WXX")).all(|t| t.kind == TimexType::Set));
    assert_eq!(value("The flight left on Tuesday night.", dct, "Tuesday night"), "1998-02-10TNI");
}

#[test]
fn over_the_years_is_a_vague_duration() {
    let dct = day(2006, 5, 29);
    assert_eq!(value("We thank our staff for their work over the years.", dct, "the years"), "PXY");
    absent("Over the years of war, little changed.", dct, "years");
}

/// A day beside a named weekday, and the week of a named day, are counted
/// from the day itself; without a document date neither has a value of
/// its own, and the weekday and the day alone are found.
#[test]
fn days_beside_a_weekday_and_weeks_of_a_day_count_from_that_day() {
    let dct = day(2008, 3, 11);
    let text = "Troops withdrew the day before last Tuesday.";
    assert_eq!(value(text, dct, "the day before last Tuesday"), "2008-03-03");
    let text = "Troops return the day after next Friday.";
    assert_eq!(value(text, dct, "the day after next Friday"), "2008-03-15");
    let text = "A ruling is expected the week of December 30, 2008.";
    assert_eq!(value(text, dct, "the week of December 30, 2008"), "2009-W01");
    let text = "A ruling is expected the week of April 7.";
    assert_eq!(value(text, None, "April 7"), "XXXX-04-07");
    let text = "Troops withdrew the day before last Tuesday.";
    assert!(find(text, None).iter().all(|t| !t.span.slice(text).starts_with("the day")));
}
