#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]

pub mod cert;
pub mod csr;
pub mod dname;
mod error;
pub mod ext;
mod key;
mod verify;

pub use crate::{
    cert::CertParams,
    error::Error,
    ext::San,
    key::{
        AnySignature, AnySigningKey, AnyVerifyingKey, GenerateError, KeyAlgorithm, OsRng,
        OsRngError,
    },
    verify::{build_chain, is_self_signed, signed_by, verify_signature},
};
