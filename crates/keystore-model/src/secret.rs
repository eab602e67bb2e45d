//! Plaintext secret (symmetric) keys.

use alloc::{string::String, vec::Vec};
use core::fmt;
use zeroize::Zeroizing;

/// A decrypted secret key: its Java algorithm name (`AES`, `DESede`, `HmacSHA256`,
/// `PBEWithMD5AndDES`, …) and raw key bytes, zeroized on drop.
#[derive(Clone, PartialEq, Eq)]
pub struct SecretKey {
    algorithm: String,
    key: Zeroizing<Vec<u8>>,
}

impl SecretKey {
    /// A secret key.
    #[must_use]
    pub fn new(algorithm: impl Into<String>, key: Zeroizing<Vec<u8>>) -> Self {
        Self {
            algorithm: algorithm.into(),
            key,
        }
    }

    /// Java algorithm name.
    #[must_use]
    pub fn algorithm(&self) -> &str {
        &self.algorithm
    }

    /// The raw key bytes.
    #[must_use]
    pub fn secret_bytes(&self) -> &[u8] {
        &self.key
    }

    /// Key size in bits as keytool reports it (bytes × 8).
    #[must_use]
    pub fn bits(&self) -> usize {
        self.key.len() * 8
    }
}

impl fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SecretKey")
            .field("algorithm", &self.algorithm)
            .field("key", &"[secret key elided]")
            .finish()
    }
}
