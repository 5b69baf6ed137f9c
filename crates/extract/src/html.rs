//! The main content of an HTML page.
//!
//! One iterative walk over the DOM cuts the page into blocks (paragraphs,
//! headings, list items, cells, …), each with its text and how much of it
//! is link text. Subtrees that are page furniture by their tag (`nav`,
//! `footer`, `aside`, …) or by their class, id or role (`cookie`, `share`,
//! `related`, `comments`, …) are marked dead, unless they hold most of the
//! page's text (a wrapper with an unlucky class name).
//!
//! Each block then scores: long or sentence-like text counts for, link-heavy
//! and short label-like text against. Summing the scores up the tree, the
//! element with the highest total is the article: it holds the most prose
//! for the least furniture. Its live blocks (and those of siblings with a
//! fair share of prose), less link lists, captions, headings left without
//! text and the label lines trailing the article, are the text, opened by
//! the lead when it stands between the headline and that element.
//!
//! Scores and thresholds were tuned on the trafilatura evaluation set
//! (`shared/tools/evaluate.py extraction`); change them with a measurement.

use crate::text::{char_len, collapse_ws, join_paragraphs};
use crate::{meta, plain};
use chronicle_model::Article;
use ego_tree::iter::Edge;
use regex::Regex;
use scraper::{Html, Node};
use std::sync::LazyLock;

/// Deeper nesting than this is not a real page; such input is read as text
/// with its tags stripped, which keeps time and memory linear.
pub const MAX_DEPTH: usize = 1500;

/// Extract article and metadata from an HTML document.
pub fn extract_html(source: &str) -> Article {
    if nesting_depth(source) > MAX_DEPTH {
        return plain::extract_plain(&strip_tags(source));
    }
    let source = unwrap_templates(source);
    let doc = Html::parse_document(&source);
    let mut article = meta::metadata(&doc);
    let blocks = Blocks::collect(&doc);
    article.text = blocks.main_text();
    if article.published.is_none() {
        article.published = script_date(&source)
            .or_else(|| blocks.first_text_date())
            .or_else(|| crate::pubdate::date_element_date(&doc));
    }
    article
}

static SCRIPT_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"["'](?:datePublished|publishDate|published_at|publishedAt|pubDate|uploadDate|dateCreated|date_published|firstPublishDate|publishedDate|publicationDate|publication_date)["']\s*:\s*["']([^"']{8,40})["']"#).unwrap()
});

/// A publication date in a script's JSON (app state, not JSON-LD).
fn script_date(source: &str) -> Option<chrono::NaiveDate> {
    SCRIPT_DATE.captures_iter(source).take(20).find_map(|c| crate::date::parse_date(&c[1]))
}

static TEMPLATE_SCRIPT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?is)<script[^>]{0,40}type=["']text/(?:template|html)["'][^>]{0,100}>(.*?)</script>"#).unwrap()
});

/// Some blogs ship the post as markup inside `<script type="text/template">`:
/// make it markup again.
fn unwrap_templates(source: &str) -> std::borrow::Cow<'_, str> {
    if !source.contains("text/template") && !source.contains("text/html") {
        return source.into();
    }
    TEMPLATE_SCRIPT.replace_all(source, "<div>$1</div>")
}

/// How far before the article body a lead may start, in blocks.
const MAX_LEAD_BLOCKS: usize = 15;

/// A lead reads as prose: a sentence or two, few links, no date line.
fn is_lead(b: &Block) -> bool {
    let len = char_len(&b.text);
    len >= 50 && b.link_chars * 5 < len && !b.datey && keep_block(b)
}

/// A sibling of the best element joins it when it scores this share of it.
const SIBLING_SHARE: f64 = 0.1;

/// Elements never holding article text: skipped with their subtrees.
fn is_skipped_tag(tag: &str) -> bool {
    matches!(
        tag,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "head"
            | "iframe"
            | "svg"
            | "canvas"
            | "object"
            | "embed"
            | "video"
            | "audio"
            | "map"
            | "select"
            | "button"
            | "textarea"
            | "input"
            | "option"
            | "math"
            | "picture"
            // Ruby annotations: the reading of the characters they follow.
            | "rt"
            | "rp"
            | "img"
            | "figure"
            | "figcaption"
    )
}

/// Elements that are page furniture by their tag.
fn is_furniture_tag(tag: &str) -> bool {
    matches!(tag, "nav" | "footer" | "aside" | "menu" | "dialog" | "form")
}

/// Elements that start a new block of text.
fn is_block_tag(tag: &str) -> bool {
    matches!(
        tag,
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "blockquote"
            | "pre"
            | "table"
            | "tr"
            | "td"
            | "th"
            | "caption"
            | "figure"
            | "figcaption"
            | "address"
            | "center"
            | "body"
            | "hr"
            | "fieldset"
            | "details"
            | "summary"
            | "header"
            | "footer"
            | "nav"
            | "aside"
            | "form"
    )
}

static FURNITURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?:^|[-_ ])(?:comments?|kommentare?|share|sharing|shares|social|sociallinks|related|relateds|cookies?|consent|",
        r"gdpr|banner|footer|navbar|navigation|nav|menu|menus|sidebar|breadcrumbs?|newsletter|",
        r"subscribe|subscription|promo|promotions?|advert|advertisement|ads?|adsense|sponsored|sponsor|popup|modal|",
        r"recommended|recommendations?|more|readmore|tags|tagcloud|taglist|pagination|pager|",
        r"toolbar|skip|masthead|disqus|outbrain|taboola|signup|login|rating|ratings|author-?box|author-?bio|",
        r"bio|byline|meta|postmeta|entry-meta|post-meta|jump|overlay|paywall|offcanvas|dropdown|author|authors|sabox|",
        r"crumbs?|trending|popular|mostread|most-read|also|newsticker|ticker|carousel|slider|",
        r"infobox|table-of-contents|contact|copyright|legal|imprint|impressum|follow|donate|partners?|logo|header|topbar|",
        r"search|lightbox|caption|credits?|shariff|addthis|sharethis|tools|utility|utilities|",
        // Notes on how the page earns money. (Embedded tweets stay: they
        // are often what the article quotes.)
        r"affiliate|disclosure|buybox)(?:$|[-_ ])"
    ))
    .unwrap()
});

static CONTENT_HINT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[-_ ])(?:article|articlebody|article-body|article-content|post-content|entry-content|entry|story|story-body|content|main|body|text|post|blog|detail|news)(?:$|[-_ ])").unwrap()
});

/// One element of the walk.
struct El {
    parent: usize,
    /// Furniture by tag, class, id or role.
    furniture: bool,
    /// A content hint (`<article>`, `itemprop=articleBody`, `entry-content`).
    hint: bool,
    /// Characters of block text in the subtree (filled after the walk).
    chars: usize,
    score: f64,
    /// Class or id speak of dates (`post-date`, `byline`, `meta`).
    datey: bool,
    /// Class or id name a comment section: furniture that may outweigh
    /// the article it follows, and is never revived as its text.
    comments: bool,
    /// Furniture by its tag or role (`nav`, `role=banner`), not merely by
    /// a name (`article-header`).
    landmark: bool,
    /// The page's headline element, `<h1>`.
    h1: bool,
}

/// One block of text, owned by the nearest enclosing block element.
struct Block {
    owner: usize,
    text: String,
    link_chars: usize,
    heading: bool,
    list_item: bool,
    /// Inside an element whose name speaks of dates.
    datey: bool,
    /// Inside an `<h1>`.
    headline: bool,
}

struct Blocks {
    els: Vec<El>,
    blocks: Vec<Block>,
}

/// The text of a block while the walk fills it.
#[derive(Default)]
struct Buffer {
    text: String,
    link_chars: usize,
}

impl Blocks {
    fn collect(doc: &Html) -> Blocks {
        let mut els = vec![El {
            parent: 0,
            furniture: false,
            hint: false,
            chars: 0,
            score: 0.0,
            datey: false,
            comments: false,
            landmark: false,
            h1: false,
        }];
        let mut blocks = Vec::new();
        // Open elements: (element index, is block, is link, heading, list item).
        let mut open: Vec<(usize, bool, bool, bool, bool)> = vec![(0, true, false, false, false)];
        let mut buf = Buffer::default();
        let mut skip: Option<ego_tree::NodeId> = None;
        let mut links = 0usize;
        for edge in doc.tree.root().traverse() {
            match edge {
                Edge::Open(node) => {
                    if skip.is_some() {
                        continue;
                    }
                    match node.value() {
                        Node::Text(t) => {
                            let len = push_text(&mut buf.text, t);
                            if links > 0 {
                                buf.link_chars += len;
                            }
                        }
                        Node::Element(e) => {
                            let tag = e.name();
                            if is_skipped_tag(tag) || is_hidden(e) {
                                skip = Some(node.id());
                                continue;
                            }
                            if tag == "br" {
                                buf.text.push('\n');
                                continue;
                            }
                            // Read once: four of the element's flags test its names.
                            let names = class_and_id(e);
                            let landmark = is_landmark_furniture(tag, e);
                            let furniture = is_furniture(tag, &names, landmark);
                            // Furniture inside a paragraph (a share span) becomes its own block.
                            let block = is_block_tag(tag) || furniture;
                            let parent = open.last().map_or(0, |o| o.0);
                            let heading = matches!(tag, "h1" | "h2" | "h3" | "h4" | "h5" | "h6");
                            let list_item = tag == "li" || tag == "dd" || tag == "dt";
                            if block {
                                flush(&mut buf, &open, &els, &mut blocks);
                            }
                            if is_main_landmark(tag, e) {
                                // Whatever their names say ("left-navigation_page-wrapper"),
                                // the elements around the page's main landmark are layout.
                                open.iter().for_each(|o| els[o.0].furniture = false);
                            }
                            els.push(El {
                                parent,
                                furniture,
                                hint: is_content_hint(tag, e, &names),
                                chars: 0,
                                score: 0.0,
                                datey: is_datey(tag, &names),
                                comments: furniture && is_comments(&names),
                                landmark,
                                h1: tag == "h1",
                            });
                            // A named anchor (`<a name="part2">`) links nowhere; left
                            // unclosed, the parser carries it over every block that
                            // follows, and counting it would make the article a link list.
                            let is_link = tag == "a" && e.attr("href").is_some();
                            links += usize::from(is_link);
                            open.push((els.len() - 1, block, is_link, heading, list_item));
                        }
                        _ => {}
                    }
                }
                Edge::Close(node) => {
                    if skip == Some(node.id()) {
                        skip = None;
                        continue;
                    }
                    if skip.is_some() || !node.value().is_element() {
                        continue;
                    }
                    if let Node::Element(e) = node.value() {
                        if e.name() == "br" {
                            continue;
                        }
                    }
                    if let Some(&(_, block, is_link, _, _)) = open.last() {
                        if block {
                            flush(&mut buf, &open, &els, &mut blocks);
                        }
                        links -= usize::from(is_link);
                        open.pop();
                    }
                }
            }
        }
        flush(&mut buf, &open, &els, &mut blocks);
        let mut this = Blocks { els, blocks };
        this.score();
        this
    }

    /// Score blocks, sum up the tree, and revive furniture wrappers that
    /// hold most of the page's text.
    fn score(&mut self) {
        for b in &self.blocks {
            let len = char_len(&b.text);
            let score = block_score(b, len);
            // Only prose counts towards the share that revives a wrapper.
            if score > 0.0 {
                self.els[b.owner].chars += len;
            }
            self.els[b.owner].score += score;
        }
        for i in (1..self.els.len()).rev() {
            let (chars, score, p) = (self.els[i].chars, self.els[i].score, self.els[i].parent);
            self.els[p].chars += chars;
            self.els[p].score += score;
        }
        // Readers' comments can outgrow the article: their text must not
        // make the article's own wrapper look too small to be revived.
        let total = self.els[0].chars.saturating_sub(self.comment_chars()).max(1);
        for el in &mut self.els {
            // A wrapper that also names itself content ("entry share",
            // "entry-content paywall") needs less of the text to be revived.
            let share = if el.hint { 3 } else { 6 };
            if el.furniture && !el.comments && el.chars * 10 > total * share {
                el.furniture = false;
            }
        }
    }

    /// Characters of prose in comment sections (outermost ones only, so
    /// nested comment threads count once).
    fn comment_chars(&self) -> usize {
        let inside = self.comment_mask();
        (1..self.els.len())
            .filter(|&i| self.els[i].comments && !inside[self.els[i].parent])
            .map(|i| self.els[i].chars)
            .sum()
    }

    /// Which elements are flagged or lie inside a flagged one. Parents
    /// come before children, so one pass in order settles each element.
    fn inherited(&self, flag: impl Fn(usize) -> bool) -> Vec<bool> {
        let mut inside = vec![false; self.els.len()];
        for i in 0..self.els.len() {
            inside[i] = flag(i) || (i > 0 && inside[self.els[i].parent]);
        }
        inside
    }

    /// Dead: furniture or inside furniture.
    fn dead(&self) -> Vec<bool> {
        self.inherited(|i| self.els[i].furniture)
    }

    fn main_text(&self) -> String {
        let dead = self.dead();
        let (mut best, mut score, mut live) = self.best_element(&dead, -0.1);
        if score < 300.0 {
            // Little prose anywhere: let short lines count for, not against.
            (best, score, live) = self.best_element(&dead, 0.5);
        }
        let mut inside = self.subtree_mask(best);
        // Siblings rich in prose of their own belong to the article too
        // (a lead paragraph or a second body part in its own wrapper).
        if best > 0 {
            let parent = self.els[best].parent;
            let siblings: Vec<usize> = (best..self.els.len())
                .chain(0..best)
                .filter(|&i| i != best && self.els[i].parent == parent && !dead[i] && live[i] > SIBLING_SHARE * score)
                .collect();
            for s in siblings {
                let mask = self.subtree_mask(s);
                inside.iter_mut().zip(mask).for_each(|(a, m)| *a |= m);
            }
        }
        let mut chosen: Vec<usize> = (0..self.blocks.len())
            .filter(|&i| {
                let b = &self.blocks[i];
                inside[b.owner] && !dead[b.owner] && keep_block(b)
            })
            .collect();
        if let Some(&first) = chosen.first() {
            let lead = self.lead_before(first);
            chosen.splice(0..0, lead);
        }
        let chosen: Vec<&Block> = chosen.into_iter().map(|i| &self.blocks[i]).collect();
        let text = join_paragraphs(trim_sections(chosen).into_iter().map(|b| b.text.as_str()));
        if !text.is_empty() {
            return text;
        }
        join_paragraphs(self.blocks.iter().filter(|b| !dead[b.owner] && keep_block(b)).map(|b| b.text.as_str()))
    }

    /// The lead (standfirst) between the headline and the article body
    /// when the body's element does not hold the headline: pages put the
    /// lead in the article's header, beside the body. Blocks up to
    /// `MAX_LEAD_BLOCKS` after the last `<h1>` before `first`, kept when
    /// they read as prose and sit in no landmark furniture (`nav`,
    /// `aside`); a furniture *name* (`article-header__lead`) does not
    /// count against them.
    fn lead_before(&self, first: usize) -> Vec<usize> {
        let start = first.saturating_sub(MAX_LEAD_BLOCKS);
        let Some(h1) = (start..first).rev().find(|&i| self.blocks[i].headline) else {
            return Vec::new();
        };
        let in_landmark = self.landmark_dead();
        (h1 + 1..first)
            .filter(|&i| {
                let b = &self.blocks[i];
                !b.headline && !in_landmark[b.owner] && is_lead(b)
            })
            .collect()
    }

    /// Inside furniture by tag or role.
    fn landmark_dead(&self) -> Vec<bool> {
        self.inherited(|i| self.els[i].landmark)
    }

    /// The live element whose subtree scores highest, and its score.
    fn best_element(&self, dead: &[bool], short: f64) -> (usize, f64, Vec<f64>) {
        let mut live = vec![0.0f64; self.els.len()];
        for b in &self.blocks {
            if !dead[b.owner] {
                live[b.owner] += block_score_with(b, char_len(&b.text), short);
            }
        }
        for i in (1..self.els.len()).rev() {
            let p = self.els[i].parent;
            live[p] += live[i];
        }
        let mut best = (0, f64::MIN);
        for (i, s) in live.iter().enumerate() {
            if dead[i] {
                continue;
            }
            let s = if self.els[i].hint { s * 1.15 } else { *s };
            if s > best.1 {
                best = (i, s);
            }
        }
        (best.0, best.1, live)
    }

    /// Which elements lie in the subtree of `root`.
    fn subtree_mask(&self, root: usize) -> Vec<bool> {
        self.inherited(|i| i == root)
    }

    /// The first plausible date written in the page's text, outside the
    /// readers' comments and, unless it is the only one, not labelled as
    /// the last edit.
    fn first_text_date(&self) -> Option<chrono::NaiveDate> {
        let in_comments = self.comment_mask();
        let short = || self.blocks.iter().filter(|b| !in_comments[b.owner] && char_len(&b.text) < 400).take(2000);
        let date_in =
            |text: &str| crate::date::text_date(text).map(|(_, d)| d).or_else(|| crate::date::parse_date(text));
        let unedited = |b: &Block| date_in(&EDIT_DATE.replace_all(&b.text, " "));
        let any = |b: &Block| date_in(&b.text);
        short()
            .filter(|b| b.datey)
            .find_map(unedited)
            .or_else(|| short().find_map(unedited))
            // A page that only says when it was last edited.
            .or_else(|| short().filter(|b| EDIT_DATE.is_match(&b.text)).find_map(any))
    }

    /// Inside a comment section.
    fn comment_mask(&self) -> Vec<bool> {
        self.inherited(|i| self.els[i].comments)
    }
}

fn block_score(b: &Block, len: usize) -> f64 {
    block_score_with(b, len, -0.1)
}

/// `short` weighs text too short to be prose: negative normally, positive
/// on pages with little prose (live tickers, recipes).
fn block_score_with(b: &Block, len: usize, short: f64) -> f64 {
    if len == 0 {
        return 0.0;
    }
    let len_f = len as f64;
    let density = b.link_chars as f64 / len_f;
    if density > 0.5 {
        return -len_f;
    }
    if b.heading {
        return 0.0;
    }
    let sentence = b.text.trim_end().ends_with(['.', '!', '?', ':', '"', '”', '»', '。']);
    if len >= 100 || (len >= 40 && sentence) {
        len_f * (1.0 - density)
    } else {
        short * len_f
    }
}

/// Drop headings with no text of their own under them (the titles of
/// link lists that were dropped), and short label lines at the end.
fn trim_sections(blocks: Vec<&Block>) -> Vec<&Block> {
    let mut keep = vec![true; blocks.len()];
    for i in 0..blocks.len() {
        if blocks[i].heading {
            let next_prose = blocks[i + 1..].iter().take_while(|b| !b.heading).next().is_some();
            keep[i] = next_prose;
        }
    }
    // Trailing short lines that end no sentence: labels, credits, tags.
    for i in (0..blocks.len()).rev() {
        let b = blocks[i];
        let len = char_len(&b.text);
        let label = len < 50 && !b.text.trim_end().ends_with(['.', '!', '?', '"', '”', '»', ')']);
        if label || (b.link_chars * 10 > len && len < 150) || TRAILER.is_match(&b.text) {
            keep[i] = false;
        } else if keep[i] {
            break;
        }
    }
    blocks.into_iter().zip(keep).filter(|(_, k)| *k).map(|(b, _)| b).collect()
}

fn keep_block(b: &Block) -> bool {
    let len = char_len(&b.text).max(1);
    let density = b.link_chars as f64 / len as f64;
    !(density > 0.5 || (b.list_item && density > 0.3) || is_boilerplate_line(&b.text))
}

/// A date labelled as the last edit ("Letzte Änderung: 31.10.2023",
/// "Updated on May 4, 2021"): the day the page changed, not the day it
/// was published.
static EDIT_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)(?:letzte änderung|zuletzt (?:geändert|aktualisiert)|aktualisiert(?: am)?|last (?:modified|updated|edited)|",
        r"updated(?: on)?|modifié le|mis à jour le|actualizado(?: el)?)\s*:?\s*",
        r"(?:\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}\.? \p{L}+ \d{4}|\p{L}+ \d{1,2},? \d{4})"
    ))
    .unwrap()
});

/// Closing lines of blog and news templates.
static TRAILER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?:dieser|der) (?:beitrag|eintrag|artikel|text) (?:wurde|gibt|stammt)|this (?:entry|post) was posted|posted in\b|filed under|veröffentlicht (?:am|in|unter)|erstellt am|suggested citation|wenn ihnen (?:unser|dieser)|we want to hear|sie müssen sich anmelden|du musst eingeloggt|kommentar)").unwrap()
});

static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\(?(?:foto|fotos|bild|bilder|beitragsbild|titelbild|headerbild|symbolbild|photo|photos|image|images|abbildung|quelle|source|credits?|źródło|fot\.|zdjęcie|©|copyright)\s*[:.©]|^©|all rights reserved|alle rechte vorbehalten").unwrap()
});

/// A photo credit closing a caption ("… in Taipei. Photo: AP",
/// "(Foto: Stadt Nordhausen)").
static PHOTO_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:fotos?|photos?|bild|crédit photo|photo credit)\s*:\s*[^.:]{2,60}\)?\.?\s*$").unwrap()
});

/// A short block that credits a picture or claims copyright: a caption
/// or a rights notice, whether the credit opens or closes it.
fn is_credit(text: &str, len: usize) -> bool {
    // The colon test spares the regex the many blocks without one.
    len < 300 && (text.contains('©') || (text.contains(':') && PHOTO_CREDIT.is_match(text)))
}

/// A line that is only a date (and perhaps a time or "Published").
fn is_date_line(text: &str) -> bool {
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    letters <= 12 && crate::date::parse_date(text).is_some()
}

/// Short lines that are page furniture whatever their markup.
fn is_boilerplate_line(text: &str) -> bool {
    let len = char_len(text);
    if is_credit(text, len) {
        return true;
    }
    if len < 200 && (CREDIT.is_match(text) || is_date_line(text) || crate::plain::NEWSLETTER.is_match(text)) {
        return true;
    }
    if len > 40 {
        return false;
    }
    let t = text.trim().trim_end_matches([':', '.', '!', '?']).trim().to_lowercase();
    matches!(
        t.as_str(),
        "advertisement"
            | "anzeige"
            | "werbung"
            | "reklama"
            | "publicité"
            | "publicidad"
            | "pubblicità"
            | "ad"
            | "share"
            | "teilen"
            | "tweet"
            | "share this"
            | "share this article"
            | "diesen artikel teilen"
            | "zobacz także"
            | "zobacz też"
            | "czytaj także"
            | "czytaj też"
            | "read more"
            | "weiterlesen"
            | "mehr zum thema"
            | "das könnte sie auch interessieren"
            | "related articles"
            | "related"
            | "you may also like"
            | "schon gelesen"
            | "lesen sie auch"
            | "auch interessant"
            | "more from"
            | "sharing is caring"
            | "print"
            | "drucken"
            | "e-mail"
            | "email"
            | "facebook"
            | "twitter"
            | "whatsapp"
            | "pinterest"
            | "linkedin"
            | "kommentare"
            | "comments"
            | "leave a reply"
            | "leave a comment"
            | "hinterlasse einen kommentar"
            | "über den autor"
            | "about the author"
            | "newsletter"
            | "top"
            | "back to top"
            | "nach oben"
            | "war der artikel nützlich"
            | "möchten sie den artikel teilen"
            | "tags"
            | "schlagwörter"
            | "das könnte dich auch interessieren"
            | "ähnliche beiträge"
            | "ähnliche artikel"
            | "verwandte artikel"
            | "weitere artikel"
            | "related posts"
            | "related stories"
            | "more stories"
            | "read next"
            | "contenido relacionado"
            | "noticias relacionadas"
            | "artículos relacionados"
            | "articles similaires"
            | "news teilen"
            | "artikel teilen"
            | "beitrag teilen"
            | "seite teilen"
            | "rezept drucken"
            | "wird geladen"
            | "loading"
            | "bild anzeigen"
    )
}

fn flush(buf: &mut Buffer, open: &[(usize, bool, bool, bool, bool)], els: &[El], blocks: &mut Vec<Block>) {
    let text = buf.text.split('\n').map(collapse_ws).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("\n");
    if !text.is_empty() {
        let owner = open.iter().rev().find(|o| o.1).map_or(0, |o| o.0);
        let heading = open.iter().any(|o| o.3);
        let list_item = open.iter().rev().take(6).any(|o| o.4);
        let ratio = buf.link_chars.min(char_len(&text));
        let datey = open.iter().rev().take(4).any(|o| els[o.0].datey);
        let headline = open.iter().any(|o| els[o.0].h1);
        blocks.push(Block { owner, text, link_chars: ratio, heading, list_item, datey, headline });
    }
    buf.text.clear();
    buf.link_chars = 0;
}

/// Append a text node, keeping a space between words; returns the
/// number of non-space characters appended.
fn push_text(out: &mut String, t: &str) -> usize {
    if t.starts_with(char::is_whitespace) && !out.ends_with(char::is_whitespace) {
        out.push(' ');
    }
    let collapsed = collapse_ws(t);
    out.push_str(&collapsed);
    if t.ends_with(char::is_whitespace) && !collapsed.is_empty() {
        out.push(' ');
    }
    char_len(&collapsed)
}

fn is_hidden(e: &scraper::node::Element) -> bool {
    if e.attr("hidden").is_some() || e.attr("aria-hidden") == Some("true") {
        return true;
    }
    e.attr("style").is_some_and(|s| {
        let s: String = s.to_ascii_lowercase().chars().filter(|c| !c.is_whitespace()).collect();
        s.contains("display:none") || s.contains("visibility:hidden")
    })
}

/// `<main>` or `role=main`: the one landmark HTML reserves for the page's
/// own content.
fn is_main_landmark(tag: &str, e: &scraper::node::Element) -> bool {
    tag == "main" || e.attr("role").is_some_and(|r| r.eq_ignore_ascii_case("main"))
}

fn class_and_id(e: &scraper::node::Element) -> String {
    let mut s = String::new();
    for token in e.attr("class").unwrap_or("").split_whitespace().chain(e.attr("id")) {
        // A BEM modifier says how a block looks, not what it is:
        // `o-section--has-ads` is a section (that has ads beside it).
        let token = token.split("--").next().unwrap_or(token);
        let t = token.to_ascii_lowercase();
        // WordPress and friends put taxonomy into classes: not layout.
        if ["tag-", "category-", "has-", "is-", "format-", "type-", "status-"].iter().any(|p| t.starts_with(p)) {
            continue;
        }
        s.push_str(&t);
        s.push(' ');
    }
    s
}

/// Furniture by tag or role (`landmark`) or by its class and id `names`
/// (from [`class_and_id`]).
fn is_furniture(tag: &str, names: &str, landmark: bool) -> bool {
    if matches!(tag, "html" | "body" | "main" | "article") {
        return false;
    }
    landmark || (!names.is_empty() && FURNITURE.is_match(names) && !is_main_wrapper(names))
}

/// Furniture by its tag or its ARIA role, whatever its class names.
fn is_landmark_furniture(tag: &str, e: &scraper::node::Element) -> bool {
    if is_furniture_tag(tag) {
        return true;
    }
    if let Some(role) = e.attr("role") {
        if matches!(
            role,
            "navigation"
                | "banner"
                | "contentinfo"
                | "complementary"
                | "dialog"
                | "menu"
                | "menubar"
                | "search"
                | "alert"
        ) {
            return true;
        }
    }
    false
}

static COMMENTS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[-_ ])(?:comments?|kommentare?|commentaires?|comentarios?|disqus|respond)(?:$|[-_ ])").unwrap()
});

/// A comment section or one of its parts, by class or id `names`.
fn is_comments(names: &str) -> bool {
    COMMENTS.is_match(names)
}

/// Wrapper names that say "the article" louder than any furniture word
/// in the same class list. BEM names (`entry__content`) count as their
/// hyphenated form.
fn is_main_wrapper(names: &str) -> bool {
    names.split_whitespace().map(|t| t.replace("__", "-")).any(|t| {
        matches!(
            t.as_str(),
            "article-body"
                | "articlebody"
                | "entry-content"
                | "post-content"
                | "article-content"
                | "story-body"
                | "main-content"
                | "content"
                | "post-body"
                | "article-text"
        )
    })
}

static DATEY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"date|time|publish|posted|datum|meta|byline|fecha|data|info|dateline").unwrap());

fn is_datey(tag: &str, names: &str) -> bool {
    tag == "time" || DATEY.is_match(names)
}

fn is_content_hint(tag: &str, e: &scraper::node::Element, names: &str) -> bool {
    tag == "article"
        || tag == "main"
        || e.attr("itemprop").is_some_and(|p| p.eq_ignore_ascii_case("articleBody"))
        || CONTENT_HINT.is_match(names)
}

/// The deepest nesting of open tags, approximated by a quick scan.
pub fn nesting_depth(source: &str) -> usize {
    let bytes = source.as_bytes();
    let (mut depth, mut max) = (0usize, 0usize);
    let mut i = 0;
    while let Some(off) = memchr_lt(&bytes[i..]) {
        i += off + 1;
        match bytes.get(i) {
            Some(b'/') => depth = depth.saturating_sub(1),
            Some(c) if c.is_ascii_alphabetic() => {
                let window = &bytes[i..bytes.len().min(i + 16)];
                let name_len = window.iter().position(|b| !b.is_ascii_alphanumeric()).unwrap_or(window.len());
                let name = String::from_utf8_lossy(&window[..name_len]).to_ascii_lowercase();
                if !is_void(&name) {
                    depth += 1;
                    max = max.max(depth);
                }
            }
            _ => {}
        }
    }
    max
}

fn memchr_lt(b: &[u8]) -> Option<usize> {
    b.iter().position(|&c| c == b'<')
}

fn is_void(tag: &str) -> bool {
    matches!(
        tag,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "source"
            | "track"
            | "wbr"
            | "p"
            | "li"
            | "option"
            | "td"
            | "tr"
            | "th"
            | "dt"
            | "dd"
    )
}

/// Markup to text for pages too broken to parse: tags become line breaks.
pub fn strip_tags(source: &str) -> String {
    let mut out = String::with_capacity(source.len() / 2);
    let mut in_tag = false;
    for c in source.chars() {
        match (in_tag, c) {
            (false, '<') => in_tag = true,
            (true, '>') => {
                in_tag = false;
                out.push('\n');
            }
            (false, c) => out.push(c),
            _ => {}
        }
    }
    out
}
