#![no_std]
#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]

extern crate alloc;

mod error;
mod password;

pub mod jce;
pub mod jks;

pub use crate::{error::Error, password::Password};

use alloc::vec::Vec;
use zeroize::Zeroizing;

/// Recovers PKCS#8 `PrivateKeyInfo` DER from any `EncryptedPrivateKeyInfo` we can read,
/// dispatching on its algorithm OID (JKS protector, JCE PBEWithMD5AndTripleDES).
///
/// # Errors
/// `DecryptFailed` on a wrong password or corrupt data, `UnsupportedAlgorithm` for other schemes,
/// `IterationCount` above `max_iterations`, `Malformed` for a bad container.
pub fn recover_private_key(
    epki_der: &[u8],
    password: &Password,
    max_iterations: u32,
) -> Result<Zeroizing<Vec<u8>>, Error> {
    let _ = (epki_der, password, max_iterations);
    unimplemented!()
}
