#![no_std]
#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]

extern crate alloc;

mod alias;
mod entry;
mod error;
mod limits;
mod secret;

pub use crate::{
    alias::Alias,
    entry::{
        CertificateDer, Entries, Entry, EntryKind, Opaque, PrivateKeyEntry, ProtectedKey,
        ProtectedSecret, SecretKeyEntry, StoreFormat, Timestamp, TrustedCertEntry,
    },
    error::{Error, Malformed},
    limits::Limits,
    secret::SecretKey,
};
pub use keystore_pbe::Password;
