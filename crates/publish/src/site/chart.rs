//! The cooperation–conflict chart: event scores (-10 … +10) over time as
//! an inline SVG drawn on the server, so it needs no script to show.

use super::html::esc;
use chronicle_model::{Event, PartialDate};
use std::collections::BTreeMap;
use std::fmt::Write as _;

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 220.0;
const LEFT: f64 = 34.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 12.0;
const BOTTOM: f64 = 28.0;
/// Beyond this many events the dots are left out; the line still shows.
pub const MAX_DOTS: usize = 400;

/// What the chart needs of an event: its date and score, and its summary
/// for the dot's tooltip (unused beyond [`MAX_DOTS`] events); or of the
/// `events` of one date together, their mean score, when there are too
/// many to draw one by one.
#[derive(Debug, Clone)]
pub struct Point {
    pub date: Option<PartialDate>,
    pub score: f32,
    pub summary: String,
    /// How many events the point stands for.
    pub events: u32,
}

impl Point {
    pub fn of(event: &Event) -> Point {
        Point { date: event.date, score: event.score, summary: event.summary.clone(), events: 1 }
    }
}

/// How many events `points` stand for.
pub fn count(points: &[Point]) -> usize {
    points.iter().map(|p| p.events as usize).sum()
}

/// An SVG chart of the scores of the dated `events`, or a sentence saying
/// there is nothing to chart.
pub fn score_chart(events: &[Point], label: &str) -> String {
    let Some(base) = events.iter().filter_map(|e| e.date?.first_day()).min() else {
        return "<p class=\"muted\">No dated events to chart.</p>".to_string();
    };
    // Each dated event as (day number, score, event); a month or a year
    // counts from its first day.
    let points: Vec<(i64, f64, &Point)> = events
        .iter()
        .filter_map(|e| {
            let day = e.date?.first_day()?;
            Some((day.signed_duration_since(base).num_days(), f64::from(e.score.clamp(-10.0, 10.0)), e))
        })
        .collect();
    let last = points.iter().map(|p| p.0).max().unwrap_or(0);
    let x = |day: i64| {
        let plot = WIDTH - LEFT - RIGHT;
        if last == 0 {
            LEFT + plot / 2.0
        } else {
            LEFT + plot * day as f64 / last as f64
        }
    };
    let y = |score: f64| TOP + (HEIGHT - TOP - BOTTOM) * (10.0 - score) / 20.0;

    let mut svg = format!(
        "<svg class=\"chart\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" role=\"img\" aria-labelledby=\"chart-title\">\
<title id=\"chart-title\">Cooperation–conflict score of {} over time: {} events</title>",
        esc(label),
        points.iter().map(|p| p.2.events as usize).sum::<usize>()
    );
    axes(&mut svg, &y, events, &points, &x);
    // The line joins each date's mean score, in time order.
    let mut by_day: BTreeMap<i64, (f64, u32)> = BTreeMap::new();
    for (day, score, point) in &points {
        let slot = by_day.entry(*day).or_default();
        slot.0 += score * f64::from(point.events);
        slot.1 += point.events;
    }
    let line: Vec<String> =
        by_day.iter().map(|(day, (sum, n))| format!("{:.1},{:.1}", x(*day), y(sum / f64::from(*n)))).collect();
    let _ = write!(svg, "<polyline class=\"line\" points=\"{}\"/>", line.join(" "));
    if count(events) <= MAX_DOTS {
        for (day, score, event) in &points {
            let date = event.date.map(|d| d.to_string()).unwrap_or_default();
            let _ = write!(
                svg,
                "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"3\"><title>{date} ({score:+.1}): {}</title></circle>",
                x(*day),
                y(*score),
                esc(&event.summary)
            );
        }
    }
    svg.push_str("</svg>");
    svg
}

/// Grid lines at every five points of score, and the first and last dates.
fn axes(
    svg: &mut String,
    y: &impl Fn(f64) -> f64,
    events: &[Point],
    points: &[(i64, f64, &Point)],
    x: &impl Fn(i64) -> f64,
) {
    for score in [10.0, 5.0, 0.0, -5.0, -10.0] {
        let class = if score == 0.0 { "axis" } else { "grid" };
        let y0 = y(score);
        let _ = write!(
            svg,
            "<line class=\"{class}\" x1=\"{LEFT}\" x2=\"{}\" y1=\"{y0:.1}\" y2=\"{y0:.1}\"/>\
<text x=\"{}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
            WIDTH - RIGHT,
            LEFT - 4.0,
            y0 + 4.0,
            if score == 0.0 { "0".to_string() } else { format!("{score:+}") },
        );
    }
    let first = points.iter().min_by_key(|p| p.0);
    let last = points.iter().max_by_key(|p| p.0);
    let baseline = HEIGHT - 8.0;
    if let (Some(first), Some(last)) = (first, last) {
        let date = |p: &(i64, f64, &Point)| p.2.date.map(|d| d.to_string()).unwrap_or_default();
        let _ = write!(svg, "<text x=\"{LEFT}\" y=\"{baseline}\">{}</text>", date(first));
        if last.0 != first.0 {
            let _ =
                write!(svg, "<text x=\"{:.1}\" y=\"{baseline}\" text-anchor=\"end\">{}</text>", x(last.0), date(last));
        }
    }
    let undated = count(events) - points.iter().map(|p| p.2.events as usize).sum::<usize>();
    if undated > 0 {
        let _ = write!(
            svg,
            "<text x=\"{:.1}\" y=\"{baseline}\" text-anchor=\"middle\">{undated} undated not shown</text>",
            WIDTH / 2.0
        );
    }
}
