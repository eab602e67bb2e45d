//! Fuzz target `detect_then_decode`: see [`keystore_fuzz::detect_then_decode`].
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| keystore_fuzz::detect_then_decode(data));
