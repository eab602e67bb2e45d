//! Fuzz target `lint_request`: see [`keystore_fuzz::lint_request`].
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| keystore_fuzz::lint_request(data));
