//! Fuzz target: the loader on one file (see `fuzz/src/load.rs`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| plancheck_fuzz::load::run(data));
