//! Keystore load benchmarks.
#![allow(missing_docs, reason = "benchmark")]
fn main() {}
