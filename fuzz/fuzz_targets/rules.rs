//! Fuzz target: every rule on a plan generated from structured choices (see `fuzz/src/model.rs`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| plancheck_fuzz::model::run(data));
