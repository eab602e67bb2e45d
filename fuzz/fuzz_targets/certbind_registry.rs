//! Fuzz target `certbind_registry`: see [`keystore_fuzz::certbind_registry`].
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| keystore_fuzz::certbind_registry(data));
