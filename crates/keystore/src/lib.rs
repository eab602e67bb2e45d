#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]

pub mod certs;
mod detect;
pub mod fs;
mod generate;
pub mod manual;
mod secret;
mod store;

/// Keys, certificates and requests ([`keystore_certgen`]): `KeyAlgorithm`, `AnySigningKey`,
/// `csr::build_with_sans`, `cert::sign_request`, `ext::parse_san_list`, …
pub use keystore_certgen as certgen;

pub use crate::{
    detect::detect,
    generate::{KeyPairError, KeyPairSpec},
    secret::{SecretKeyError, generate_secret_key},
    store::{KeyStore, now},
};
pub use keystore_model::{
    Alias, CertificateDer, Entries, Entry, EntryKind, Error, Limits, Malformed, PrivateKeyEntry,
    ProtectedKey, ProtectedSecret, SecretKey, SecretKeyEntry, StoreFormat, Timestamp,
    TrustedCertEntry,
};
pub use keystore_pbe::Password;
pub use keystore_pkcs12::Profile as Pkcs12Profile;
