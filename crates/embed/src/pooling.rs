//! What sentence-transformers does after the transformer for this model:
//! average the token vectors the attention mask keeps, then scale to unit
//! length.

use candle_core::{DType, Result, Tensor, D};

/// Mean of the token vectors of each sequence over its attention mask.
/// `hidden` is (batch, tokens, dims), `mask` is (batch, tokens) of 0/1.
pub fn mean_over_mask(hidden: &Tensor, mask: &Tensor) -> Result<Tensor> {
    let mask = mask.to_dtype(DType::F32)?.unsqueeze(D::Minus1)?;
    let summed = hidden.broadcast_mul(&mask)?.sum(1)?;
    // The clamp only matters for a sequence of no tokens, which the
    // tokenizer never produces ([CLS] and [SEP] are always there).
    let counts = mask.sum(1)?.clamp(1e-9f32, f32::MAX)?;
    summed.broadcast_div(&counts)
}

/// Each row scaled to unit Euclidean length (a zero row stays zero).
pub fn l2_normalise(rows: &Tensor) -> Result<Tensor> {
    let norms = rows.sqr()?.sum_keepdim(D::Minus1)?.sqrt()?.clamp(1e-12f32, f32::MAX)?;
    rows.broadcast_div(&norms)
}
