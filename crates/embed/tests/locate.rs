//! Where the weights are looked for. One test, because it changes the
//! process environment, which tests running in parallel would share.

use chronicle_embed::{default_dir, locate, ENV_VAR};

#[test]
fn locate_prefers_the_variable_then_the_default_directory_when_complete_and_an_empty_variable_turns_it_off() {
    let data_home = tempfile::tempdir().unwrap();
    std::env::set_var("XDG_DATA_HOME", data_home.path());

    // Set, even to a directory that does not exist: it is what open will read.
    std::env::set_var(ENV_VAR, "/no/such/minilm");
    assert_eq!(locate().as_deref(), Some(std::path::Path::new("/no/such/minilm")));

    std::env::remove_var(ENV_VAR);
    let dir = data_home.path().join("chronicle/minilm");
    assert_eq!(default_dir().as_deref(), Some(dir.as_path()));
    assert_eq!(locate(), None, "nothing installed yet");

    std::fs::create_dir_all(&dir).unwrap();
    for name in ["config.json", "tokenizer.json"] {
        std::fs::write(dir.join(name), "{}").unwrap();
    }
    assert_eq!(locate(), None, "model.safetensors still missing");
    std::fs::write(dir.join("model.safetensors"), "").unwrap();
    assert_eq!(locate(), Some(dir));

    std::env::set_var(ENV_VAR, "");
    assert_eq!(locate(), None, "set but empty: the encoder is off, though weights are installed");
    std::env::remove_var(ENV_VAR);
}
