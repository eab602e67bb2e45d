//! `certbind`: DiagFwCertMgr's command line.
fn main() {}
