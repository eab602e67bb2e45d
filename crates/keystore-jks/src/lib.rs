#![no_std]
#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]

extern crate alloc;

use alloc::vec::Vec;
use keystore_model::{Entries, Error, Limits, Password, StoreFormat};

/// A decoded JKS or JCEKS file.
#[derive(Debug)]
#[non_exhaustive]
pub struct Decoded {
    /// `Jks` (magic FEEDFEED) or `Jceks` (magic CECECECE).
    pub format: StoreFormat,
    /// File version, 1 or 2.
    pub version: u32,
    /// Entries in file order.
    pub entries: Entries,
}

/// Decodes a JKS or JCEKS file (either magic).
///
/// With `Some(password)` the integrity digest is verified before anything is returned; with
/// `None` nothing is verified (keytool's unverified mode).
///
/// # Errors
/// `Malformed`, `UnsupportedVersion`, `LimitExceeded`, `IntegrityCheckFailed`.
pub fn decode(bytes: &[u8], password: Option<&Password>, limits: &Limits) -> Result<Decoded, Error> {
    let _ = (bytes, password, limits);
    unimplemented!()
}

/// Encodes entries as a JKS or JCEKS file of the given version (1 or 2; Java writes 2).
///
/// # Errors
/// `EntryNotSupported` (secret key in JKS), `UnsupportedAlgorithm` (a key entry protected by a
/// scheme the format cannot hold, e.g. a JCE-protected key in JKS), `Unencodable` (alias over
/// 65535 bytes of modified UTF-8).
pub fn encode(entries: &Entries, format: StoreFormat, version: u32, password: &Password) -> Result<Vec<u8>, Error> {
    let _ = (entries, format, version, password);
    unimplemented!()
}

/// JCEKS secret-key entries: the narrow, bounded reader and writer of Java's serialized
/// `SealedObjectForKeyProtector` (never a general Java deserializer).
pub mod sealed {
    use alloc::vec::Vec;
    use keystore_model::{Error, Limits, Password, SecretKey};

    /// Unseals a JCEKS secret key (the stored serialization stream) with the key password.
    ///
    /// # Errors
    /// `KeyDecryptionFailed` (wrong password or corrupt), `Malformed` (bad stream),
    /// `LimitExceeded` (iteration count).
    pub fn unseal(sealed: &[u8], password: &Password, limits: &Limits) -> Result<SecretKey, Error> {
        let _ = (sealed, password, limits);
        unimplemented!()
    }

    /// Seals a secret key as JCEKS does (SecretKeySpec, or KeyRep for DES/DESede/PBE*).
    ///
    /// # Errors
    /// `Password` when the password cannot be encoded; `Malformed` for a weak salt.
    pub fn seal(key: &SecretKey, password: &Password, salt: &[u8; 8], iterations: u32) -> Result<Vec<u8>, Error> {
        let _ = (key, password, salt, iterations);
        unimplemented!()
    }
}
