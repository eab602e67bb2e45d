//! Fuzz target `lint_certificate`: see [`keystore_fuzz::lint_certificate`].
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| keystore_fuzz::lint_certificate(data));
