//! Fuzz target `pkcs12_decode`: see [`keystore_fuzz::pkcs12_decode`].
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| keystore_fuzz::pkcs12_decode(data));
