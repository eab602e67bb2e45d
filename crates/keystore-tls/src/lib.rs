//! TLS with keystore material.
#![forbid(unsafe_code)]
