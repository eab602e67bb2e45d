//! Fuzz target `exchange_plan`: see [`keystore_fuzz::exchange_plan`].
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| keystore_fuzz::exchange_plan(data));
