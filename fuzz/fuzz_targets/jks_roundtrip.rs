//! Fuzz target `jks_roundtrip`: see [`keystore_fuzz::jks_roundtrip`].
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| keystore_fuzz::jks_roundtrip(data));
