#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]

mod verify;

pub use crate::verify::{build_chain, is_self_signed, signed_by, verify_signature};
