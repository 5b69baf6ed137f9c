//! What is measured between an arriving document and a candidate cluster,
//! and how the measures combine into the odds that the document belongs.

/// The measures between a document and one candidate cluster.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Signals {
    /// Mean cosine of the article (title and lead) to the members'.
    pub article: f32,
    /// Cosine to the closest of the latest members.
    pub closest: f32,
    /// Mean cosine of the title alone to the members' titles.
    pub title: f32,
    /// Mean cosine of the resolved entities to the members'; without
    /// resolved entities on either side the article's cosine stands in, so
    /// a caller that resolves none is judged on words alone.
    pub entities: f32,
    /// Days between the document and the cluster's latest member.
    pub gap_days: f32,
    /// Members of the cluster.
    pub members: f32,
}

impl Signals {
    /// The inputs of the logistic model, in the order of [`Weights::features`]:
    /// cosines as they are, the gap and the size on a log scale (the tenth
    /// day apart matters less than the first).
    pub fn features(&self) -> [f32; 6] {
        [self.article, self.closest, self.title, self.entities, self.gap_days.ln_1p(), self.members.max(1.0).ln()]
    }
}

/// Weights of a logistic model over [`Signals::features`]: the log-odds
/// that a document belongs to a cluster are `bias + features · weights`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Weights {
    pub bias: f32,
    pub features: [f32; 6],
}

impl Weights {
    /// Probability that the document belongs to the cluster.
    pub fn probability(&self, signals: &Signals) -> f32 {
        let z: f32 = self.bias + signals.features().iter().zip(self.features).map(|(f, w)| f * w).sum::<f32>();
        1.0 / (1.0 + (-z).exp())
    }
}
