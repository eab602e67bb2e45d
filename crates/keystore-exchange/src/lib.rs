//! Trust exchange plans.
#![forbid(unsafe_code)]
