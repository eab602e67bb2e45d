#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]

mod alg;
pub mod cert;
pub mod crl;
pub mod csr;
pub mod dname;
mod dsa_params;
mod error;
pub mod ext;
mod key;
mod verify;

pub use crate::{
    cert::CertParams,
    error::Error,
    ext::San,
    key::{
        AnySignature, AnySigningKey, AnyVerifyingKey, DsaSigner, EcdsaSigner, GenerateError,
        KeyAlgorithm, OsRng, OsRngError, RsaSigner,
    },
    verify::{
        build_chain, is_self_signed, is_supported_signature_algorithm, signed_by, verify_signature,
        verify_signature_with,
    },
};
