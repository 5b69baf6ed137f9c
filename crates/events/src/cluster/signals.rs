//! What is measured between an arriving document and a candidate cluster.

/// The measures between a document and one candidate cluster.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(super) struct Signals {
    /// Mean cosine of the article (title and lead) to the members'.
    pub article: f32,
    /// Mean cosine of the resolved entities to the members'; without
    /// resolved entities on either side the article's cosine stands in, so
    /// a caller that resolves none is judged on words alone.
    pub entities: f32,
    /// Mean cosine of the sentence vector to the members'; none when
    /// either side has none.
    pub embedding: Option<f32>,
    /// Days between the document and the cluster's latest member.
    pub gap_days: f32,
}
