//! Fuzz target `sealed_object`: see [`keystore_fuzz::sealed_object`].
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| keystore_fuzz::sealed_object(data));
