//! Fuzz target: every output format on generated findings (see `fuzz/src/render.rs`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| plancheck_fuzz::render::run(data));
