//! `certbind`: DiagFwCertMgr's certificate binding on keystore files.
#![forbid(unsafe_code)]
