//! Fuzz target `certbind_args`: see [`keystore_fuzz::certbind_args`].
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| keystore_fuzz::certbind_args(data));
