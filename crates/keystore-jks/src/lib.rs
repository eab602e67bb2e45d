#![no_std]
#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]

extern crate alloc;

mod cursor;
mod decode;
mod encode;
pub mod mutf8;
mod order;
pub mod sealed;

use keystore_model::{Entries, StoreFormat};

pub use crate::order::java_hashtable_order;
pub use crate::{decode::decode, encode::encode};

/// Magic number of JKS files.
pub const JKS_MAGIC: u32 = 0xFEED_FEED;
/// Magic number of JCEKS files.
pub const JCEKS_MAGIC: u32 = 0xCECE_CECE;
/// The file version both JDKs write.
pub const CURRENT_VERSION: u32 = 2;

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
