//! A key pair and its self-signed certificate, generated into a store in one call (keytool
//! `-genkeypair`).

use core::fmt;

use der::Encode as _;
use keystore_certgen::{AnySigningKey, CertParams, KeyAlgorithm, cert, dname, ext};
use keystore_model::{CertificateDer, Error};
use keystore_pbe::Password;

use crate::{KeyStore, now};

/// What [`KeyStore::generate_key_pair`] makes.
#[derive(Clone, Copy, Debug)]
pub struct KeyPairSpec<'a> {
    /// Key type and size (keytool 17's default is RSA 2048).
    pub algorithm: KeyAlgorithm,
    /// Subject in keytool's `-dname` syntax, e.g. `CN=cvp1.example.com, O=Example`.
    pub dname: &'a str,
    /// SubjectAlternativeNames in keytool's syntax (`dns:cvp1.example.com,dns:localhost`), or
    /// empty for none.
    pub sans: &'a str,
    /// Validity in days from now (keytool's default is 90).
    pub validity_days: u32,
}

impl<'a> KeyPairSpec<'a> {
    /// keytool 17's defaults: RSA 2048, 90 days, no SANs.
    #[must_use]
    pub fn new(dname: &'a str) -> Self {
        Self {
            algorithm: KeyAlgorithm::Rsa { bits: 2048 },
            dname,
            sans: "",
            validity_days: 90,
        }
    }
}

/// Why [`KeyStore::generate_key_pair`] failed; the store is then unchanged.
#[derive(Debug)]
#[non_exhaustive]
pub enum KeyPairError {
    /// Key generation, the `dname`/SAN text, or certificate signing failed.
    Certificate(keystore_certgen::Error),
    /// The store refused the entry (e.g. the key password cannot be used by its format).
    Store(Error),
}

impl fmt::Display for KeyPairError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Certificate(e) => write!(f, "cannot generate the key pair: {e}"),
            Self::Store(e) => write!(f, "cannot store the key pair: {e}"),
        }
    }
}

impl std::error::Error for KeyPairError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Certificate(e) => Some(e),
            Self::Store(e) => Some(e),
        }
    }
}

impl From<keystore_certgen::Error> for KeyPairError {
    fn from(e: keystore_certgen::Error) -> Self {
        Self::Certificate(e)
    }
}

impl KeyStore {
    /// Generates a key pair and a self-signed certificate for it (SubjectKeyIdentifier, plus
    /// the SANs asked for) and stores them under `alias`, protected by `key_password`, replacing
    /// any entry there — keytool `-genkeypair` in one call. Returns the key, so that a request
    /// can follow (`keystore_certgen::csr::build_with_sans`).
    ///
    /// # Errors
    /// [`KeyPairError::Certificate`] for a malformed `dname`/`sans` or a key type that cannot
    /// be generated; [`KeyPairError::Store`].
    pub fn generate_key_pair(
        &mut self,
        alias: &str,
        spec: &KeyPairSpec<'_>,
        key_password: &Password,
    ) -> Result<AnySigningKey, KeyPairError> {
        let subject = dname::parse(spec.dname).map_err(keystore_certgen::Error::from)?;
        let mut extensions = Vec::new();
        if !spec.sans.is_empty() {
            let sans = ext::parse_san_list(spec.sans).map_err(keystore_certgen::Error::from)?;
            extensions
                .push(ext::subject_alt_name(&sans, false).map_err(keystore_certgen::Error::from)?);
        }
        let key = AnySigningKey::generate(spec.algorithm)?;
        let params = CertParams::new(subject)
            .with_validity_days(spec.validity_days)
            .with_extensions(extensions);
        let certificate = cert::self_signed(&key, &params)?;
        let der = certificate
            .to_der()
            .map_err(keystore_certgen::Error::from)?;
        let pkcs8 = key.to_pkcs8_der()?;
        self.set_private_key(
            alias,
            pkcs8.as_bytes(),
            vec![CertificateDer::new(der)],
            key_password,
            now(),
        )
        .map_err(KeyPairError::Store)?;
        Ok(key)
    }
}
