//! Fuzz target `jks_decode`: see [`keystore_fuzz::jks_decode`].
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| keystore_fuzz::jks_decode(data));
