//! The crate's error type.

use core::fmt;

use const_oid::ObjectIdentifier;

use crate::{KeyAlgorithm, dname::DnameError, ext::ExtError};

/// Everything that can go wrong while generating keys, certificates and requests.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// DER encoding or decoding failed.
    Asn1(der::Error),
    /// A PKCS#8 private key could not be encoded or decoded.
    Pkcs8(pkcs8::Error),
    /// A SubjectPublicKeyInfo could not be encoded or decoded.
    Spki(spki::Error),
    /// The signer failed.
    Signature(signature::Error),
    /// `x509-cert`'s builder failed.
    Builder(x509_cert::builder::Error),
    /// The operating system's random number generator failed.
    Rng(getrandom::Error),
    /// RSA key generation failed (for example an unsupported modulus size).
    Rsa(rsa::Error),
    /// A key or signature algorithm this crate does not handle.
    UnsupportedAlgorithm {
        /// The algorithm's OID.
        oid: ObjectIdentifier,
    },
    /// A signature algorithm name keytool does not know either (keytool `-sigalg`; keytool's
    /// `NoSuchAlgorithmException: <name> Signature not available`).
    UnsupportedSignatureAlgorithm(String),
    /// A signature algorithm keytool signs with that this crate does not implement
    /// (MD2withRSA, MD5withRSA, SHA-3 based algorithms).
    UnimplementedSignatureAlgorithm(String),
    /// A signature algorithm of another key type (keytool's `InvalidKeyException`), e.g.
    /// `SHA256withRSA` for an EC key or `Ed448` for an Ed25519 key.
    SignatureAlgorithmMismatch {
        /// The signature algorithm as asked for.
        name: String,
        /// The key's type and size.
        key: KeyAlgorithm,
    },
    /// A DSA signature whose digest is shorter than the key's q (keytool's
    /// `The security strength of SHA-1 digest algorithm is not sufficient for this key size`).
    DigestTooWeak {
        /// The digest's JCA name (`SHA-1`, `SHA-224`).
        digest: &'static str,
    },
    /// A key size outside what the algorithm supports.
    UnsupportedKeySize {
        /// The requested size in bits.
        bits: usize,
    },
    /// The validity would end after year 9999 (keytool's
    /// `Validity period ends at calendar year N which is greater than 9999`).
    ValidityTooLong {
        /// The calendar year the validity would end in.
        year: u64,
    },
    /// A validity of zero days (keytool's `Validity must be greater than zero`).
    ValidityNotPositive,
    /// A `-dname` string did not parse.
    Dname(DnameError),
    /// A `-ext` value did not parse.
    Ext(ExtError),
    /// A certificate request whose signature does not verify with its own public key
    /// (keytool: `java.security.SignatureException: Invalid PKCS #10 signature`).
    InvalidRequestSignature,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Asn1(e) => write!(f, "ASN.1 error: {e}"),
            Self::Pkcs8(e) => write!(f, "PKCS#8 error: {e}"),
            Self::Spki(e) => write!(f, "public key error: {e}"),
            Self::Signature(e) => write!(f, "signature error: {e}"),
            Self::Builder(e) => write!(f, "certificate builder error: {e}"),
            Self::Rng(e) => write!(f, "operating system RNG failed: {e}"),
            Self::Rsa(e) => write!(f, "RSA error: {e}"),
            Self::UnsupportedAlgorithm { oid } => write!(f, "unsupported algorithm {oid}"),
            Self::UnsupportedKeySize { bits } => write!(f, "unsupported key size {bits} bits"),
            Self::UnsupportedSignatureAlgorithm(name) => {
                write!(f, "{name} Signature not available")
            }
            Self::UnimplementedSignatureAlgorithm(name) => {
                write!(f, "signature algorithm {name} is not implemented")
            }
            Self::SignatureAlgorithmMismatch { name, key } => {
                write!(f, "signature algorithm {name} does not fit a {key} key")
            }
            Self::DigestTooWeak { digest } => write!(
                f,
                "The security strength of {digest} digest algorithm is not sufficient for this key size"
            ),
            Self::ValidityTooLong { year } => write!(
                f,
                "Validity period ends at calendar year {year} which is greater than 9999"
            ),
            Self::ValidityNotPositive => f.write_str("Validity must be greater than zero"),
            Self::Dname(e) => fmt::Display::fmt(e, f),
            Self::Ext(e) => fmt::Display::fmt(e, f),
            Self::InvalidRequestSignature => f.write_str("Invalid PKCS #10 signature"),
        }
    }
}

impl core::error::Error for Error {
    fn source(&self) -> Option<&(dyn core::error::Error + 'static)> {
        match self {
            Self::Asn1(e) => Some(e),
            Self::Pkcs8(e) => Some(e),
            Self::Spki(e) => Some(e),
            Self::Signature(e) => Some(e),
            Self::Builder(e) => Some(e),
            Self::Rsa(e) => Some(e),
            Self::Dname(e) => Some(e),
            Self::Ext(e) => Some(e),
            _ => None,
        }
    }
}

macro_rules! from {
    ($($t:ty => $v:ident),* $(,)?) => {$(
        impl From<$t> for Error {
            fn from(e: $t) -> Self {
                Self::$v(e)
            }
        }
    )*};
}

from! {
    der::Error => Asn1,
    pkcs8::Error => Pkcs8,
    spki::Error => Spki,
    signature::Error => Signature,
    x509_cert::builder::Error => Builder,
    rsa::Error => Rsa,
    DnameError => Dname,
    ExtError => Ext,
}
