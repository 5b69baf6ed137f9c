//! How the encoder shares the cores. candle spreads every large
//! element-wise operation (GELU, additions, layer norms) over a pool of its
//! own threads that spin while they wait for the next operation. On a
//! machine whose cores are busy, as in an ingest where extraction and the
//! store run beside the encoder, the spinning costs as much CPU as the work
//! it splits: over short titles one text took twice the CPU with two
//! threads as with one (BENCHMARKS.md, "Sentence embeddings"). The encoder
//! runs whole batches side by side instead, which needs no spinning.

/// The variable candle reads, once, for the size of its element-wise pool.
pub const CANDLE_THREADS_VAR: &str = "CANDLE_NUM_THREADS";

/// Keeps candle's element-wise operations on the thread that runs the
/// batch (matrix products still use the rayon pool), unless the user has
/// set `CANDLE_NUM_THREADS`. candle is configured through the environment
/// only, so this sets that variable: call it first thing in `main`, before
/// any other thread starts (setting the environment while other threads
/// read it is not safe), and before the first encoding (candle reads it
/// once).
pub fn keep_element_wise_ops_on_one_thread() {
    if std::env::var_os(CANDLE_THREADS_VAR).is_none() {
        std::env::set_var(CANDLE_THREADS_VAR, "1");
    }
}
