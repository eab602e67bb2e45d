//! SunJCE `PBEWithMD5AndTripleDES` (OID 1.3.6.1.4.1.42.2.19.1): JCEKS key protection and
//! sealed secret keys.
//!
//! ⚠️ **Security Warning**: an MD5-based KDF and 3DES. Kept only for keytool compatibility.

use alloc::vec::Vec;
use zeroize::Zeroizing;

use crate::{Error, Password};

/// Dotted OID of `PBEWithMD5AndTripleDES`.
pub const PBE_MD5_TRIPLE_DES_OID: &str = "1.3.6.1.4.1.42.2.19.1";
/// Iteration count JDK 17 and 25 write.
pub const DEFAULT_ITERATIONS: u32 = 200_000;
/// Largest iteration count Java accepts when reading.
pub const MAX_ITERATIONS: u32 = 5_000_000;

/// Encrypts with DES-EDE3-CBC/PKCS#5 under the SunJCE KDF. Password bytes: UTF-8 (JDK 25; equal
/// to JDK 17's ASCII for ASCII passwords).
///
/// # Errors
/// `Malformed` for a weak salt (halves equal and mirrored) or zero iterations.
pub fn encrypt(plaintext: &[u8], password: &Password, salt: &[u8; 8], iterations: u32) -> Result<Vec<u8>, Error> {
    let _ = (plaintext, password, salt, iterations);
    unimplemented!()
}

/// Decrypts; bad padding is `DecryptFailed`.
///
/// # Errors
/// `DecryptFailed`, `Malformed` (length not a multiple of 8), `IterationCount` above `max_iterations`.
pub fn decrypt(
    ciphertext: &[u8],
    password: &Password,
    salt: &[u8; 8],
    iterations: u32,
    max_iterations: u32,
) -> Result<Zeroizing<Vec<u8>>, Error> {
    let _ = (ciphertext, password, salt, iterations, max_iterations);
    unimplemented!()
}

/// Protects PKCS#8 DER as JCEKS does; returns the DER `EncryptedPrivateKeyInfo`.
///
/// # Errors
/// As [`encrypt`].
pub fn protect_key(pkcs8: &[u8], password: &Password, salt: &[u8; 8], iterations: u32) -> Result<Vec<u8>, Error> {
    let _ = (pkcs8, password, salt, iterations);
    unimplemented!()
}

/// Recovers PKCS#8 DER from a JCE-protected `EncryptedPrivateKeyInfo`.
///
/// # Errors
/// As [`decrypt`], plus `Malformed`/`UnsupportedAlgorithm` for the container.
pub fn recover_key(epki_der: &[u8], password: &Password, max_iterations: u32) -> Result<Zeroizing<Vec<u8>>, Error> {
    let _ = (epki_der, password, max_iterations);
    unimplemented!()
}
