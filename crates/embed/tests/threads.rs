//! The thread setting of the chronicle binary: candle's element-wise
//! operations on one thread, unless the user chose otherwise. Its own test
//! binary, since it changes the process environment.

use chronicle_embed::{keep_element_wise_ops_on_one_thread, CANDLE_THREADS_VAR};

#[test]
fn a_users_candle_threads_setting_wins_else_one_thread() {
    std::env::set_var(CANDLE_THREADS_VAR, "3");
    keep_element_wise_ops_on_one_thread();
    assert_eq!(std::env::var(CANDLE_THREADS_VAR).unwrap(), "3");

    std::env::remove_var(CANDLE_THREADS_VAR);
    keep_element_wise_ops_on_one_thread();
    assert_eq!(std::env::var(CANDLE_THREADS_VAR).unwrap(), "1");
}
