//! Lists a keystore's entries.
fn main() {}
