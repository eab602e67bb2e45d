//! The one error type of keystore-rs.

use alloc::string::String;
use core::fmt;

use crate::StoreFormat;

/// What is wrong with malformed input.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Malformed {
    /// The file does not start with a known magic number.
    BadMagic,
    /// The input ends in the middle of a structure.
    Truncated,
    /// A length or count field claims more bytes than remain.
    LengthOverrun {
        /// The claimed length.
        claimed: u64,
        /// Bytes remaining at that point.
        remaining: u64,
    },
    /// A negative length or count (Java lengths are signed).
    NegativeLength(i64),
    /// A string is not valid Java modified UTF-8.
    BadModifiedUtf8,
    /// An entry tag other than 1 (key), 2 (trusted certificate) or 3 (secret key, JCEKS).
    UnknownEntryTag(u32),
    /// A certificate type other than `X.509`.
    UnsupportedCertType(String),
    /// A certificate that is not valid DER X.509.
    BadCertificate,
    /// A serialized Java object outside the narrow subset JCEKS uses.
    BadSerializedObject(&'static str),
    /// Anything else, described.
    Other(&'static str),
}

impl fmt::Display for Malformed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::BadMagic => f.write_str("bad magic number"),
            Self::Truncated => f.write_str("truncated input"),
            Self::LengthOverrun { claimed, remaining } => write!(
                f,
                "length {claimed} exceeds remaining input ({remaining} bytes)"
            ),
            Self::NegativeLength(n) => write!(f, "negative length {n}"),
            Self::BadModifiedUtf8 => f.write_str("invalid modified UTF-8 string"),
            Self::UnknownEntryTag(t) => write!(f, "unrecognized keystore entry: {t}"),
            Self::UnsupportedCertType(t) => write!(f, "unsupported certificate type {t:?}"),
            Self::BadCertificate => f.write_str("invalid certificate"),
            Self::BadSerializedObject(what) => write!(f, "bad serialized object: {what}"),
            Self::Other(what) => f.write_str(what),
        }
    }
}

/// An error from keystore-rs.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// Untrusted input is malformed.
    Malformed {
        /// The format being read.
        format: StoreFormat,
        /// Byte offset where the problem was found.
        offset: usize,
        /// What is wrong.
        what: Malformed,
    },
    /// A DER structure is malformed (the error carries its position).
    Asn1(der::Error),
    /// A keystore format this build cannot read or write.
    UnsupportedFormat(StoreFormat),
    /// The bytes are not a keystore of any known format.
    UnrecognizedFormat,
    /// A file version this library does not read.
    UnsupportedVersion {
        /// The format.
        format: StoreFormat,
        /// The version found.
        version: u32,
    },
    /// An algorithm (given by dotted OID or name) this library does not implement.
    UnsupportedAlgorithm {
        /// OID or name.
        oid: String,
    },
    /// A configured limit was exceeded.
    LimitExceeded {
        /// What was counted.
        what: &'static str,
        /// The value found.
        found: u64,
        /// The limit.
        limit: u64,
    },
    /// A certificate stored in an entry is not a valid DER X.509 certificate.
    InvalidCertificate {
        /// The entry's alias.
        alias: String,
        /// Position in the entry's chain, from 1.
        position: usize,
        /// The DER error.
        source: der::Error,
    },
    /// The store integrity check failed: wrong store password **or** tampered data.
    /// The two are indistinguishable by design.
    IntegrityCheckFailed,
    /// A key could not be decrypted: wrong key password or corrupt entry (never says which).
    KeyDecryptionFailed,
    /// No entry has this alias.
    AliasNotFound {
        /// The alias asked for.
        alias: String,
    },
    /// The alias is already taken.
    DuplicateAlias {
        /// The alias.
        alias: String,
    },
    /// The entry is of another kind.
    WrongEntryType {
        /// The alias.
        alias: String,
        /// What the operation needs.
        expected: crate::EntryKind,
        /// What the entry is.
        found: crate::EntryKind,
    },
    /// The format cannot hold this kind of entry (e.g. a secret key in JKS).
    EntryNotSupported {
        /// The format.
        format: StoreFormat,
        /// The entry kind.
        kind: crate::EntryKind,
    },
    /// A value cannot be encoded (e.g. an alias over 65535 bytes of modified UTF-8).
    Unencodable(&'static str),
    /// A password problem (e.g. not encodable for this scheme).
    Password(keystore_pbe::Error),
    /// Misuse of the API; never caused by the contents of untrusted input.
    ApiMisuse(&'static str),
}

impl Error {
    /// Maps a PBE error from a key decryption.
    #[must_use]
    pub fn from_pbe(e: keystore_pbe::Error) -> Self {
        use keystore_pbe::Error as P;
        match e {
            P::DecryptFailed | P::Malformed(_) => Self::KeyDecryptionFailed,
            P::UnsupportedAlgorithm { oid } => Self::UnsupportedAlgorithm { oid },
            P::IterationCount { count, max } => Self::LimitExceeded {
                what: "PBE iteration count",
                found: count,
                limit: max,
            },
            other => Self::Password(other),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Malformed {
                format,
                offset,
                what,
            } => {
                write!(f, "malformed {format} keystore at byte {offset}: {what}")
            }
            Self::Asn1(e) => write!(f, "malformed DER: {e}"),
            Self::UnsupportedFormat(format) => {
                write!(f, "{format} keystores are not supported yet")
            }
            Self::UnrecognizedFormat => f.write_str("unrecognized keystore format"),
            Self::UnsupportedVersion { format, version } => {
                write!(f, "unsupported {format} keystore version {version}")
            }
            Self::UnsupportedAlgorithm { oid } => write!(f, "unsupported algorithm {oid}"),
            Self::LimitExceeded { what, found, limit } => {
                write!(f, "{what} {found} exceeds the limit of {limit}")
            }
            Self::InvalidCertificate {
                alias,
                position,
                source,
            } => write!(
                f,
                "certificate {position} of entry <{alias}> is not a valid X.509 certificate: {source}"
            ),
            Self::IntegrityCheckFailed => {
                f.write_str("keystore integrity check failed: wrong password or tampered keystore")
            }
            Self::KeyDecryptionFailed => {
                f.write_str("cannot recover key: wrong key password or corrupt entry")
            }
            Self::AliasNotFound { alias } => write!(f, "alias <{alias}> does not exist"),
            Self::DuplicateAlias { alias } => write!(f, "alias <{alias}> already exists"),
            Self::WrongEntryType {
                alias,
                expected,
                found,
            } => {
                write!(f, "alias <{alias}> is a {found}, not a {expected}")
            }
            Self::EntryNotSupported { format, kind } => {
                write!(f, "{format} keystores cannot hold a {kind}")
            }
            Self::Unencodable(what) => write!(f, "cannot encode: {what}"),
            Self::Password(e) => write!(f, "{e}"),
            Self::ApiMisuse(what) => write!(f, "API misuse: {what}"),
        }
    }
}

impl core::error::Error for Error {
    fn source(&self) -> Option<&(dyn core::error::Error + 'static)> {
        match self {
            Self::Asn1(e) | Self::InvalidCertificate { source: e, .. } => Some(e),
            Self::Password(e) => Some(e),
            _ => None,
        }
    }
}

impl From<der::Error> for Error {
    fn from(e: der::Error) -> Self {
        Self::Asn1(e)
    }
}
