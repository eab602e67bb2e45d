//! Fuzz target `tls_identity`: see [`keystore_fuzz::tls_identity`].
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| keystore_fuzz::tls_identity(data));
