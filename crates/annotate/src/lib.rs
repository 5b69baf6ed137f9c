//! Annotation: sentences, entity mentions resolved to canonical entities,
//! and time expressions resolved against the document date.
//!
//! [`Annotator`] holds the loaded models and catalogues (built once, shared
//! read-only across threads); annotating is then a pure function of the text.
//!
//! ```
//! let annotator = chronicle_annotate::Annotator::new();
//! let a = annotator.annotate("Minsk answered. Washington waited.", None);
//! assert_eq!(a.sentences.len(), 2);
//! ```

mod aliases;
pub mod catalogue;
mod mentions;
pub mod ner;
pub mod resolve;
mod sentences;
pub mod tokens;

use catalogue::Catalogue;
use chronicle_model::{Annotation, EntityMention};
use chrono::NaiveDate;
use ner::Tagger;

pub use resolve::Resolved;
pub use sentences::{sentence_tokens, sentences};

/// The annotator with its models loaded.
pub struct Annotator {
    tagger: Tagger,
    catalogue: Catalogue,
}

impl Default for Annotator {
    fn default() -> Self {
        Self::new()
    }
}

impl Annotator {
    /// Load the embedded models and catalogues.
    pub fn new() -> Self {
        Annotator { tagger: Tagger::embedded(), catalogue: Catalogue::embedded() }
    }

    /// Annotate a text; `dct` is the document date time expressions are
    /// resolved against.
    pub fn annotate(&self, text: &str, dct: Option<NaiveDate>) -> Annotation {
        Annotation { timexes: chronicle_timex::find(text, dct), ..self.annotate_entities(text) }.in_text_order()
    }

    /// The sentences and resolved entity mentions of a text, in text
    /// order: what [`Annotator::annotate`] finds, without the time
    /// expressions (the dearer part) for callers that use only the entities.
    pub fn annotate_entities(&self, text: &str) -> Annotation {
        let sentence_tokens = sentence_tokens(text);
        let sentences =
            sentence_tokens.iter().map(|t| chronicle_model::Span::new(t[0].start, t[t.len() - 1].end)).collect();
        let entities = self.entities_of(text, &sentence_tokens);
        Annotation { sentences, entities, timexes: Vec::new() }.in_text_order()
    }

    fn entities_of(&self, text: &str, sentence_tokens: &[Vec<chronicle_model::Span>]) -> Vec<EntityMention> {
        let mut entities = mentions::find(&self.tagger, &self.catalogue, text, sentence_tokens);
        resolve::resolve_mentions(&self.catalogue, text, &mut entities);
        entities
    }

    /// What a name stands for in the catalogue: a country, demonym, ISO
    /// alpha-3 code, capital, organisation or known person.
    pub fn resolve(&self, name: &str) -> Option<Resolved> {
        resolve::resolve_name(&self.catalogue, name)
    }

    /// The catalogue of known entities.
    pub fn catalogue(&self) -> &Catalogue {
        &self.catalogue
    }

    /// IOB2 tags (`B-PER`, `I-ORG`, `O`, …) for one tokenised sentence, as
    /// `annotate --conll` writes them.
    pub fn tag_tokens(&self, tokens: &[&str]) -> Vec<String> {
        self.tagger.tag_strings(tokens, &self.catalogue).into_iter().map(str::to_string).collect()
    }

    /// IOB2 tags for the tokenised sentences of one document (a news
    /// story): each word's other occurrences in it inform its tag.
    pub fn tag_document_tokens(&self, sentences: &[Vec<&str>]) -> Vec<Vec<String>> {
        self.tagger
            .tag_document(sentences, &self.catalogue)
            .into_iter()
            .map(|tags| tags.into_iter().map(|t| ner::model::TAGS[t].to_string()).collect())
            .collect()
    }
}
