//! The pure, parallel half of ingest: read, extract, annotate, find event
//! mentions. Nothing here touches the store.

use chronicle_annotate::Annotator;
use chronicle_events::DocTerms;
use chronicle_ingest::{contents, event_page, feed, read_document, Contents, InputError, RawDocument};
use chronicle_model::{Article, EntityRef, Mention, MentionRole, PartialDate, SourceRef, Span};

/// One document, ready for the writer.
pub enum Prepared {
    Article {
        article: Article,
        kind: &'static str,
        mentions: Vec<Mention>,
        /// What the clusterer reads of the article, when it has a main
        /// event to cluster.
        clustering: Option<DocTerms>,
    },
    /// A chronicle event page: `mentions[0]` is its event, the rest its
    /// related events, linked with the contexts in `contexts`.
    Page {
        article: Article,
        sources: Vec<SourceRef>,
        mentions: Vec<Mention>,
        contexts: Vec<Option<String>>,
    },
    /// Already stored; counted as a duplicate.
    Known {
        input: String,
    },
    Failed {
        input: String,
        reason: String,
    },
}

impl Prepared {
    pub fn input(&self) -> &str {
        match self {
            Prepared::Article { article, .. } | Prepared::Page { article, .. } => &article.input,
            Prepared::Failed { input, .. } | Prepared::Known { input } => input,
        }
    }
}

/// A document waiting to be prepared: named by the user, fetched, or taken
/// from a container (a feed's entry, a dump's article).
pub enum Pending {
    /// A file or `-`, read here (a feed or dump read here is split here).
    Named(Result<String, InputError>),
    /// A page, text or Markdown document read from a file or fetched from
    /// its URL (its input), with what a feed entry linking to it says of it.
    Document {
        doc: RawDocument,
        meta: Option<feed::EntryMeta>,
    },
    /// A feed entry read as a document of its own.
    Entry(feed::FeedEntry),
    /// A dump's article, text given.
    Article(Article),
    /// Already in the store: nothing to read.
    Known(String),
    Failed {
        input: String,
        reason: String,
    },
}

/// The documents of one pending input: one, or one an entry for a feed.
pub fn prepare(pending: Pending, annotator: &Annotator) -> Vec<Prepared> {
    match pending {
        Pending::Named(name) => prepare_named(&name, annotator),
        Pending::Document { doc, meta } => vec![prepare_located(doc, meta, annotator)],
        Pending::Entry(entry) => vec![prepare_entry(entry, annotator)],
        Pending::Article(article) => vec![with_mentions(article, "dump-record", annotator)],
        Pending::Known(input) => vec![Prepared::Known { input }],
        Pending::Failed { input, reason } => vec![Prepared::Failed { input, reason }],
    }
}

fn prepare_named(name: &Result<String, InputError>, annotator: &Annotator) -> Vec<Prepared> {
    let failed = |e: &InputError| vec![Prepared::Failed { input: e.input().into(), reason: e.reason().into() }];
    let name = match name {
        Ok(n) => n,
        Err(e) => return failed(e),
    };
    let doc = match read_document(name) {
        Ok(doc) => doc,
        Err(e) => return failed(&e),
    };
    match contents(doc) {
        Ok(contents) => split(contents).into_iter().flat_map(|p| prepare(p, annotator)).collect(),
        Err((input, reason)) => vec![Prepared::Failed { input, reason }],
    }
}

/// The pending documents a document holds.
pub fn split(contents: Contents) -> Vec<Pending> {
    match contents {
        Contents::Document(doc) => vec![Pending::Document { doc, meta: None }],
        Contents::Entries(entries) => entries.into_iter().map(Pending::Entry).collect(),
        // A dump's text is given: only annotation and event finding run.
        Contents::Articles(found) => found
            .into_iter()
            .map(|found| match found {
                Ok(article) => Pending::Article(article),
                Err((input, reason)) => Pending::Failed { input, reason },
            })
            .collect(),
    }
}

/// A document read from a file or fetched from its URL; a fetched page
/// keeps the URL it came from as its article's url, over what it says.
fn prepare_located(doc: RawDocument, meta: Option<feed::EntryMeta>, annotator: &Annotator) -> Prepared {
    let url = chronicle_ingest::fetch::is_url(&doc.input).then(|| doc.input.clone());
    prepare_document(doc, annotator, |article| {
        if let Some(meta) = meta {
            meta.describe(article);
        }
        if url.is_some() {
            article.url = url;
        }
    })
}

fn prepare_entry(entry: feed::FeedEntry, annotator: &Annotator) -> Prepared {
    let feed::FeedEntry { document, meta, .. } = entry;
    extract_and_read(document, "entry.html", "feed-entry", annotator, |article| meta.describe(article))
}

fn prepare_document(doc: RawDocument, annotator: &Annotator, describe: impl FnOnce(&mut Article)) -> Prepared {
    if let Some(page) = std::str::from_utf8(&doc.bytes).ok().and_then(event_page::parse) {
        return prepare_page(doc, page, annotator);
    }
    let kind = kind_of(&doc);
    let format_name = doc.content_name().to_string();
    extract_and_read(doc, &format_name, kind, annotator, describe)
}

/// Extract a document's article (keyed by the document's input and hash;
/// `format_name`'s extension tells the format), let `describe` add what the
/// container knows of it, and read it for events.
fn extract_and_read(
    doc: RawDocument,
    format_name: &str,
    kind: &'static str,
    annotator: &Annotator,
    describe: impl FnOnce(&mut Article),
) -> Prepared {
    match chronicle_extract::extract_with_charset(format_name, &doc.bytes, doc.charset.as_deref()) {
        Ok(article) => {
            let mut article = Article { input: doc.input, hash: doc.hash, ..article };
            describe(&mut article);
            with_mentions(article, kind, annotator)
        }
        Err(e) => Prepared::Failed { input: doc.input, reason: e.to_string() },
    }
}

/// Longer article texts are refused before annotation. A long news article
/// runs to tens of kilobytes; annotating tens of megabytes of text (a page
/// of one huge paragraph, say) would hold a batch for minutes.
pub const MAX_ARTICLE_TEXT_BYTES: usize = 2 * 1024 * 1024;

/// An article annotated and read for the events it tells of.
fn with_mentions(article: Article, kind: &'static str, annotator: &Annotator) -> Prepared {
    if article.text.len() > MAX_ARTICLE_TEXT_BYTES {
        let reason = format!(
            "article text too long: {} bytes, the limit is {} bytes",
            article.text.len(),
            MAX_ARTICLE_TEXT_BYTES
        );
        return Prepared::Failed { input: article.input, reason };
    }
    let annotation = annotator.annotate(&article.text, article.published);
    let mentions = chronicle_events::mentions(&article, &annotation);
    let clustering = mentions
        .iter()
        .any(|m| m.role == MentionRole::Main)
        .then(|| crate::clusters::article_terms(&article, &annotation, annotator));
    Prepared::Article { article, kind, mentions, clustering }
}

fn kind_of(doc: &RawDocument) -> &'static str {
    let name = doc.content_name().to_ascii_lowercase();
    let head = &doc.bytes[..doc.bytes.len().min(1024)];
    let looks_html = String::from_utf8_lossy(head).trim_start().starts_with('<');
    if name.ends_with(".html") || name.ends_with(".htm") || looks_html {
        "html"
    } else if name.ends_with(".md") || name.ends_with(".markdown") {
        "markdown"
    } else {
        "text"
    }
}

fn prepare_page(doc: RawDocument, page: event_page::EventPage, annotator: &Annotator) -> Prepared {
    let text = String::from_utf8_lossy(&doc.bytes).into_owned();
    let article = Article {
        input: doc.input,
        hash: doc.hash,
        title: Some(page.summary.clone()),
        url: page.sources.first().map(|s| s.url.clone()),
        site: page.sources.first().map(|s| s.site.clone()),
        text,
        ..Article::default()
    };
    let sources = page
        .sources
        .iter()
        .map(|s| SourceRef {
            document: Some(article.hash.clone()),
            input: Some(article.input.clone()),
            url: Some(s.url.clone()),
            title: None,
            site: Some(s.site.clone()),
            published: None,
        })
        .collect();
    let mut mentions = vec![curated_mention(&article.hash, Some(page.date), &page.summary, &[], None, annotator)];
    let mut contexts = vec![None];
    for related in &page.related {
        mentions.push(curated_mention(&article.hash, related.date, &related.summary, &[], None, annotator));
        contexts.push(related.context.clone());
    }
    Prepared::Page { article, sources, mentions, contexts }
}

/// A mention of an event a curated source states outright: its text is the
/// summary, its date is given; annotation and coding add entities and type.
pub fn curated_mention(
    document: &str,
    date: Option<PartialDate>,
    text: &str,
    contexts: &[String],
    category: Option<&str>,
    annotator: &Annotator,
) -> Mention {
    let dct = date.and_then(|d| d.first_day());
    let annotation = annotator.annotate(text, dct);
    let coding = chronicle_events::code(text, &annotation);
    let mut entities: Vec<EntityRef> = annotation
        .entities
        .iter()
        .map(|m| EntityRef { name: m.entity.clone().unwrap_or_else(|| m.span.slice(text).to_string()), label: m.label })
        .collect();
    entities.sort();
    entities.dedup_by(|a, b| a.name == b.name);
    Mention {
        document: document.to_string(),
        role: MentionRole::Curated,
        sentence: Span::new(0, text.len()),
        text: text.to_string(),
        date,
        date_span: None,
        event_type: coding.event_type,
        source_actors: coding.source,
        target_actors: coding.target,
        entities,
        score: coding.score,
        summary: text.trim().to_string(),
        contexts: contexts.to_vec(),
        category: category.map(str::to_string),
    }
}
