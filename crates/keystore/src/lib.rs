#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]

pub mod certs;
mod detect;
pub mod fs;
pub mod manual;
mod secret;
mod store;

pub use crate::{
    detect::detect,
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
