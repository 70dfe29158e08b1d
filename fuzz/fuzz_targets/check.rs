//! Fuzz target: a plan file or a small plan folder image (see `fuzz/src/lib.rs` for the
//! format) is loaded, checked by every rule and rendered in every output format.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    plancheck_fuzz::check(data);
});
