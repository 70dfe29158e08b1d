//! The `load` target: the loader on one file. The input's bytes (invalid UTF-8 replaced, as a
//! cheap stand-in for the decoding the `check` target covers) are `plan.toml` of an
//! in-memory plan folder. Asserted: no panic, and every span of every load error lies inside
//! the file on character boundaries ([`super::spans::check`]).

/// Runs one input.
pub fn run(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    match plancheck::rules::load_from_memory("plan", &[("plan.toml", &text)]) {
        Ok(loaded) => {
            assert_eq!(loaded.plan.files.len(), 1);
            for s in &loaded.plan.suppressions {
                let source = &loaded.plan.files[0].text;
                assert!(s.extent.start <= s.extent.end && s.extent.end <= source.len());
            }
        }
        Err(failure) => {
            assert!(!failure.errors.is_empty(), "a failure without errors");
            super::spans::check(&failure.files, &failure.errors);
        }
    }
}
