#![no_std]
#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]

extern crate alloc;

mod asn1;
pub mod ber;
mod certinfo;
mod decode;
mod encode;
mod oids;
mod secret;

use keystore_model::{Entries, Error, Timestamp};

pub use crate::{
    decode::decode,
    encode::{encode, protect_private_key},
    secret::{decrypt_secret_key, protect_secret_key},
};

/// Where randomness comes from: a filler for salts and IVs (e.g. `getrandom::fill`). The codec
/// performs no I/O of its own; tests pass a deterministic filler.
pub type RandomSource<'a> = &'a mut dyn FnMut(&mut [u8]) -> Result<(), Error>;

/// A decoded PKCS#12 file.
#[derive(Debug)]
#[non_exhaustive]
pub struct Decoded {
    /// Entries in file order, plus (in [`Entries::extra`]) the bags that map to no entry.
    pub entries: Entries,
    /// Whether the integrity MAC was verified.
    pub integrity: Integrity,
    /// `encryptedData` safes that were not read because no password was given (Java skips
    /// them too: key entries then have no chain and trusted certificates are missing).
    pub skipped_encrypted_safes: usize,
    /// The writing profile closest to how the file is protected (Java keeps a loaded file's
    /// certificate and MAC algorithms when it stores it again).
    pub profile: Profile,
}

/// The outcome of the integrity check.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Integrity {
    /// The MAC was present and verified with the password.
    Verified,
    /// The file has no MAC (`openssl pkcs12 -nomac`, Java passwordless stores).
    NoMac,
    /// A MAC is present but no password was given, so it was not checked.
    NotChecked,
}

/// How [`encode`] protects a file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Profile {
    /// What keytool 17 and 25 write by default: keys and the certificate safe under
    /// PBES2/PBKDF2-HMAC-SHA256/AES-256-CBC (10,000 iterations, 20-byte salts), an
    /// HMAC-SHA256 PKCS#12 MAC (10,000 iterations, 20-byte salt). Readable by JDK 8u301+,
    /// 11.0.12+, 17, 25 and OpenSSL 1.1.1+/3.
    #[default]
    Jdk,
    /// keytool's `-J-Dkeystore.pkcs12.legacy`: keys under `pbeWithSHAAnd3-KeyTripleDES-CBC`
    /// (50,000 iterations), certificates under `pbeWithSHAAnd40BitRC2-CBC` (50,000), SHA-1 MAC
    /// (100,000 iterations).
    ///
    /// ⚠️ Weak (RC2-40, SHA-1, 3DES): only for consumers that cannot read PBES2. OpenSSL 3
    /// reads it only with `-legacy`.
    Legacy,
    /// As [`Profile::Jdk`] but with a PBMAC1 MAC (RFC 9579, PBKDF2-HMAC-SHA256 + HMAC-SHA256).
    /// JDK ≤ 25 and OpenSSL < 3.4 cannot open such files.
    Pbmac1,
    /// As the JDK 18+ `cacerts` file: no MAC and unencrypted certificates (keys, if any, are
    /// still encrypted as in [`Profile::Jdk`]). Anyone can read and modify the certificates.
    PasswordlessTruststore,
}

/// Options for [`encode`], [`protect_private_key`] and [`protect_secret_key`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct WriteOptions {
    /// The protection profile.
    pub profile: Profile,
    /// Overrides every iteration count of the profile (keys, certificates, MAC), as Java's
    /// `keystore.pkcs12.*IterationCount` properties do. Java reads at most 5,000,000.
    pub iterations: Option<u32>,
    /// The time used for the `localKeyId` (`Time <millis>`, which Java reads back as the
    /// creation date) of key and secret entries that have no creation date.
    pub now: Option<Timestamp>,
}

impl WriteOptions {
    /// Options for `profile` with its default iteration counts.
    #[must_use]
    pub fn new(profile: Profile) -> Self {
        Self {
            profile,
            iterations: None,
            now: None,
        }
    }

    /// Sets [`WriteOptions::iterations`].
    #[must_use]
    pub fn with_iterations(mut self, iterations: u32) -> Self {
        self.iterations = Some(iterations);
        self
    }

    /// Sets [`WriteOptions::now`].
    #[must_use]
    pub fn with_now(mut self, now: Timestamp) -> Self {
        self.now = Some(now);
        self
    }
}
