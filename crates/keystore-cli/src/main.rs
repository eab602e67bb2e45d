//! `rkeytool`: keytool's command line without a JVM.
fn main() {}
