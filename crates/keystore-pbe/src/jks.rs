//! JKS store integrity digest and the JKS private-key protector (Sun, OID 1.3.6.1.4.1.42.2.17.1.1).
//!
//! ⚠️ **Security Warning**: the JKS protector is an XOR with a SHA-1 keystream and the store
//! digest is a bare salted SHA-1. They are kept only to read and write what keytool writes.

use alloc::vec::Vec;
use zeroize::Zeroizing;

use crate::{Error, Password};

/// Dotted OID of the JKS key protector.
pub const KEY_PROTECTOR_OID: &str = "1.3.6.1.4.1.42.2.17.1.1";

/// SHA-1( UTF-16BE(password) ‖ "Mighty Aphrodite" ‖ body ): the 20-byte trailer of JKS and JCEKS files.
#[must_use]
pub fn store_digest(password: &Password, body: &[u8]) -> [u8; 20] {
    let _ = (password, body);
    unimplemented!("filled in by the pbe/jks work")
}

/// Verifies a store digest in constant time.
#[must_use]
pub fn verify_store_digest(password: &Password, body: &[u8], expected: &[u8]) -> bool {
    let _ = (password, body, expected);
    unimplemented!()
}

/// Protects PKCS#8 `PrivateKeyInfo` DER with the JKS protector; returns the DER
/// `EncryptedPrivateKeyInfo` exactly as Java writes it (AlgorithmIdentifier with NULL parameters).
///
/// # Errors
/// Never for valid input; `Malformed` if `pkcs8` is empty.
pub fn protect_key(pkcs8: &[u8], password: &Password, salt: &[u8; 20]) -> Result<Vec<u8>, Error> {
    let _ = (pkcs8, password, salt);
    unimplemented!()
}

/// Recovers PKCS#8 DER from a JKS-protected `EncryptedPrivateKeyInfo`.
///
/// # Errors
/// `DecryptFailed` on a wrong password or corrupt data; `Malformed`; `UnsupportedAlgorithm`.
pub fn recover_key(epki_der: &[u8], password: &Password) -> Result<Zeroizing<Vec<u8>>, Error> {
    let _ = (epki_der, password);
    unimplemented!()
}
