//! Integration tests: one binary built from modules.

/// The fuzz target bodies, shared with `fuzz/fuzz_targets/*` (see `corpus_replay`).
#[allow(
    unreachable_pub,
    dead_code,
    reason = "included from the fuzz crate, where these are its public API"
)]
#[path = "../fuzz/src/lib.rs"]
mod fuzz_bodies;

mod corpus_replay;
mod fixtures;
mod memory_bound;
