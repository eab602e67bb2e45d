//! Fuzz target `thumbprint`: see [`keystore_fuzz::thumbprint`].
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| keystore_fuzz::thumbprint(data));
