//! Fuzz target `modified_utf8`: see [`keystore_fuzz::modified_utf8`].
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| keystore_fuzz::modified_utf8(data));
