//! Errors of the password-based primitives.

use core::fmt;

/// An error from a password-based primitive.
///
/// Decryption failures never say *why* they failed (bad padding, bad check value):
/// that would be an oracle. A wrong password and a corrupted ciphertext look the same.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// Wrong password, or the protected data is corrupt (indistinguishable by design).
    DecryptFailed,
    /// The protected data is not well formed (too short, bad DER, bad block length).
    Malformed(&'static str),
    /// The protection algorithm is not one we implement; the dotted OID is handed back.
    UnsupportedAlgorithm {
        /// Dotted OID of the algorithm.
        oid: alloc::string::String,
    },
    /// An iteration count outside the accepted range (hostile files must not make us spin).
    IterationCount {
        /// The count found in the data.
        count: u64,
        /// The largest count accepted.
        max: u64,
    },
    /// The password contains characters the scheme cannot encode.
    PasswordNotEncodable(&'static str),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::DecryptFailed => f.write_str("decryption failed: wrong password or corrupt data"),
            Self::Malformed(what) => write!(f, "malformed protected data: {what}"),
            Self::UnsupportedAlgorithm { oid } => {
                write!(f, "unsupported protection algorithm {oid}")
            }
            Self::IterationCount { count, max } => {
                write!(f, "iteration count {count} is out of range (1..={max})")
            }
            Self::PasswordNotEncodable(why) => write!(f, "password cannot be encoded: {why}"),
        }
    }
}

impl core::error::Error for Error {}
