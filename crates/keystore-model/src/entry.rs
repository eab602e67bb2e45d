//! Entries and the ordered collection that holds them.

use alloc::{string::String, vec::Vec};
use core::fmt;
use zeroize::Zeroizing;

use crate::{Alias, Error};

/// The on-disk format of a keystore.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum StoreFormat {
    /// Sun's `JKS` (magic `FEEDFEED`).
    Jks,
    /// SunJCE's `JCEKS` (magic `CECECECE`).
    Jceks,
    /// PKCS#12 (`.p12`, `.pfx`).
    Pkcs12,
}

impl StoreFormat {
    /// The name keytool prints (`Keystore type:`) and accepts for `-storetype`.
    #[must_use]
    pub const fn keytool_name(self) -> &'static str {
        match self {
            Self::Jks => "JKS",
            Self::Jceks => "JCEKS",
            Self::Pkcs12 => "PKCS12",
        }
    }

    /// The provider keytool prints (`Keystore provider:`).
    #[must_use]
    pub const fn provider_name(self) -> &'static str {
        match self {
            Self::Jks | Self::Pkcs12 => "SUN",
            Self::Jceks => "SunJCE",
        }
    }

    /// Parses a `-storetype` value, case-insensitively.
    #[must_use]
    pub fn from_keytool_name(name: &str) -> Option<Self> {
        match name.to_ascii_uppercase().as_str() {
            "JKS" => Some(Self::Jks),
            "JCEKS" => Some(Self::Jceks),
            "PKCS12" => Some(Self::Pkcs12),
            _ => None,
        }
    }
}

impl fmt::Display for StoreFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.keytool_name())
    }
}

/// An entry creation time: milliseconds since 1970-01-01T00:00:00Z (Java `Date.getTime()`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(pub i64);

/// A DER-encoded X.509 certificate, kept as the exact bytes read (so fingerprints and
/// round trips are exact). Parse with [`CertificateDer::parse`].
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct CertificateDer(Vec<u8>);

impl CertificateDer {
    /// Wraps DER bytes without checking them.
    #[must_use]
    pub fn new(der: Vec<u8>) -> Self {
        Self(der)
    }

    /// The DER bytes.
    #[must_use]
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// Parses the certificate.
    ///
    /// # Errors
    /// [`Error::Asn1`] when the bytes are not a DER X.509 certificate.
    pub fn parse(&self) -> Result<x509_cert::Certificate, Error> {
        use der::Decode;
        x509_cert::Certificate::from_der(&self.0).map_err(Error::Asn1)
    }
}

impl fmt::Debug for CertificateDer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CertificateDer({} bytes)", self.0.len())
    }
}

impl AsRef<[u8]> for CertificateDer {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

/// A private key as stored: normally a DER `EncryptedPrivateKeyInfo` whose algorithm
/// identifier says how it is protected (JKS protector, JCE PBE, PKCS#12 PBE, PBES2), or, for
/// a PKCS#12 `keyBag`, an unencrypted PKCS#8 key ([`ProtectedKey::unprotected`]). Decrypt it
/// with [`ProtectedKey::decrypt`].
#[derive(Clone, PartialEq, Eq)]
pub struct ProtectedKey(KeyRepr);

#[derive(Clone, PartialEq, Eq)]
enum KeyRepr {
    /// DER `EncryptedPrivateKeyInfo`, exactly as stored.
    Encrypted(Vec<u8>),
    /// DER `PrivateKeyInfo` stored without encryption (PKCS#12 `keyBag`).
    Plain(Zeroizing<Vec<u8>>),
}

impl ProtectedKey {
    /// Wraps the DER `EncryptedPrivateKeyInfo` exactly as stored.
    #[must_use]
    pub fn from_der(der: Vec<u8>) -> Self {
        Self(KeyRepr::Encrypted(der))
    }

    /// Wraps a PKCS#8 `PrivateKeyInfo` that the file stores without encryption (a PKCS#12
    /// `keyBag`, as `openssl pkcs12 -export -keypbe NONE` writes). Writers must encrypt it
    /// (JKS, JCEKS and Java's PKCS#12 cannot store unencrypted keys).
    #[must_use]
    pub fn unprotected(pkcs8: Zeroizing<Vec<u8>>) -> Self {
        Self(KeyRepr::Plain(pkcs8))
    }

    /// Whether the key is encrypted (`false` only for [`ProtectedKey::unprotected`] keys).
    #[must_use]
    pub fn is_encrypted(&self) -> bool {
        matches!(self.0, KeyRepr::Encrypted(_))
    }

    /// The DER `EncryptedPrivateKeyInfo` (ciphertext only; no secret). Empty for an
    /// unprotected key, whose plaintext is only handed out by [`ProtectedKey::decrypt`].
    #[must_use]
    pub fn as_der(&self) -> &[u8] {
        match &self.0 {
            KeyRepr::Encrypted(der) => der,
            KeyRepr::Plain(_) => &[],
        }
    }

    /// Decrypts to PKCS#8 `PrivateKeyInfo` DER, zeroized on drop. An unprotected key is
    /// returned whatever the password.
    ///
    /// # Errors
    /// [`Error::KeyDecryptionFailed`] for a wrong password or corrupt data (never says which),
    /// [`Error::UnsupportedAlgorithm`] for an unknown protection scheme,
    /// [`Error::LimitExceeded`] for an iteration count above `limits`.
    pub fn decrypt(
        &self,
        password: &crate::Password,
        limits: &crate::Limits,
    ) -> Result<der::SecretDocument, Error> {
        match &self.0 {
            KeyRepr::Encrypted(der) => {
                let plain = keystore_pbe::recover_private_key(der, password, limits.max_iterations)
                    .map_err(Error::from_pbe)?;
                der::SecretDocument::try_from(&plain[..]).map_err(|_| Error::KeyDecryptionFailed)
            }
            KeyRepr::Plain(pkcs8) => {
                der::SecretDocument::try_from(&pkcs8[..]).map_err(|_| Error::KeyDecryptionFailed)
            }
        }
    }
}

impl fmt::Debug for ProtectedKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            KeyRepr::Encrypted(der) => write!(f, "ProtectedKey({} bytes)", der.len()),
            KeyRepr::Plain(_) => f.write_str("ProtectedKey(unprotected)"),
        }
    }
}

/// Bytes a codec read but does not interpret, kept so that loading and saving a store in the
/// same format does not lose them (PKCS#12: a bag attribute other than `friendlyName`,
/// `localKeyId` and Java's trusted-key-usage, or a whole `SafeBag` that maps to no entry).
/// Writers of other formats drop them.
#[derive(Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Opaque {
    /// The format the bytes belong to.
    pub format: StoreFormat,
    /// The item, as one DER TLV (PKCS#12: an `Attribute` or a `SafeBag`).
    pub der: Vec<u8>,
    /// Whether the item was stored encrypted (a bag from a PKCS#12 `encryptedData`); writers
    /// put it back under encryption.
    pub confidential: bool,
}

impl Opaque {
    /// An opaque item.
    #[must_use]
    pub fn new(format: StoreFormat, der: Vec<u8>, confidential: bool) -> Self {
        Self {
            format,
            der,
            confidential,
        }
    }
}

impl fmt::Debug for Opaque {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Opaque({}, {} bytes{})",
            self.format,
            self.der.len(),
            if self.confidential {
                ", confidential"
            } else {
                ""
            }
        )
    }
}

/// A secret (symmetric) key as stored, still sealed.
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ProtectedSecret {
    /// JCEKS: the complete Java serialization stream of a `SealedObjectForKeyProtector`,
    /// exactly as stored (unsealed by `keystore-jks`).
    JceSealed(Vec<u8>),
    /// PKCS#12 `secretBag` as Java writes it: the DER `EncryptedPrivateKeyInfo` whose
    /// plaintext is the PKCS#8-shaped `SEQUENCE { INTEGER 0, AlgorithmIdentifier, OCTET STRING
    /// key }` (decrypted by `keystore-pkcs12`).
    Pkcs12(Vec<u8>),
}

impl fmt::Debug for ProtectedSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::JceSealed(b) => write!(f, "JceSealed({} bytes)", b.len()),
            Self::Pkcs12(b) => write!(f, "Pkcs12({} bytes)", b.len()),
        }
    }
}

/// A private key with its certificate chain (end entity first).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct PrivateKeyEntry {
    /// When the entry was created (`None` for formats that store no date, e.g. PKCS#12).
    pub created: Option<Timestamp>,
    /// The protected key.
    pub key: ProtectedKey,
    /// The certificate chain, end entity first, root last.
    pub chain: Vec<CertificateDer>,
    /// Format-specific data kept for round trips (PKCS#12: unknown bag attributes).
    pub extra: Vec<Opaque>,
}

impl PrivateKeyEntry {
    /// A key entry.
    #[must_use]
    pub fn new(created: Option<Timestamp>, key: ProtectedKey, chain: Vec<CertificateDer>) -> Self {
        Self {
            created,
            key,
            chain,
            extra: Vec::new(),
        }
    }
}

/// A trusted certificate.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct TrustedCertEntry {
    /// When the entry was created.
    pub created: Option<Timestamp>,
    /// The certificate.
    pub cert: CertificateDer,
    /// Format-specific data kept for round trips (PKCS#12: unknown bag attributes).
    pub extra: Vec<Opaque>,
}

impl TrustedCertEntry {
    /// A trusted-certificate entry.
    #[must_use]
    pub fn new(created: Option<Timestamp>, cert: CertificateDer) -> Self {
        Self {
            created,
            cert,
            extra: Vec::new(),
        }
    }
}

/// A secret key (JCEKS, PKCS#12).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct SecretKeyEntry {
    /// When the entry was created.
    pub created: Option<Timestamp>,
    /// The sealed key.
    pub key: ProtectedSecret,
    /// Format-specific data kept for round trips (PKCS#12: unknown bag attributes).
    pub extra: Vec<Opaque>,
}

impl SecretKeyEntry {
    /// A secret-key entry.
    #[must_use]
    pub fn new(created: Option<Timestamp>, key: ProtectedSecret) -> Self {
        Self {
            created,
            key,
            extra: Vec::new(),
        }
    }
}

/// One keystore entry.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Entry {
    /// A private key and its chain.
    PrivateKey(PrivateKeyEntry),
    /// A trusted certificate.
    TrustedCert(TrustedCertEntry),
    /// A secret key.
    SecretKey(SecretKeyEntry),
}

/// The kind of an entry, named as keytool names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum EntryKind {
    /// `PrivateKeyEntry`.
    PrivateKey,
    /// `trustedCertEntry`.
    TrustedCert,
    /// `SecretKeyEntry`.
    SecretKey,
}

impl EntryKind {
    /// keytool's name: `PrivateKeyEntry`, `trustedCertEntry`, `SecretKeyEntry`.
    #[must_use]
    pub const fn keytool_name(self) -> &'static str {
        match self {
            Self::PrivateKey => "PrivateKeyEntry",
            Self::TrustedCert => "trustedCertEntry",
            Self::SecretKey => "SecretKeyEntry",
        }
    }
}

impl fmt::Display for EntryKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.keytool_name())
    }
}

impl Entry {
    /// The entry's kind.
    #[must_use]
    pub fn kind(&self) -> EntryKind {
        match self {
            Self::PrivateKey(_) => EntryKind::PrivateKey,
            Self::TrustedCert(_) => EntryKind::TrustedCert,
            Self::SecretKey(_) => EntryKind::SecretKey,
        }
    }

    /// The creation date, if the format stores one.
    #[must_use]
    pub fn created(&self) -> Option<Timestamp> {
        match self {
            Self::PrivateKey(e) => e.created,
            Self::TrustedCert(e) => e.created,
            Self::SecretKey(e) => e.created,
        }
    }

    /// Sets the creation date.
    pub fn set_created(&mut self, when: Option<Timestamp>) {
        match self {
            Self::PrivateKey(e) => e.created = when,
            Self::TrustedCert(e) => e.created = when,
            Self::SecretKey(e) => e.created = when,
        }
    }

    /// The certificate keytool shows for the entry: the trusted certificate, or the first
    /// certificate of a key entry's chain.
    #[must_use]
    pub fn certificate(&self) -> Option<&CertificateDer> {
        match self {
            Self::PrivateKey(e) => e.chain.first(),
            Self::TrustedCert(e) => Some(&e.cert),
            Self::SecretKey(_) => None,
        }
    }

    /// Format-specific data the entry carries for round trips.
    #[must_use]
    pub fn extra(&self) -> &[Opaque] {
        match self {
            Self::PrivateKey(e) => &e.extra,
            Self::TrustedCert(e) => &e.extra,
            Self::SecretKey(e) => &e.extra,
        }
    }

    /// Every certificate of the entry (the chain, or the one trusted certificate).
    #[must_use]
    pub fn certificates(&self) -> &[CertificateDer] {
        match self {
            Self::PrivateKey(e) => &e.chain,
            Self::TrustedCert(e) => core::slice::from_ref(&e.cert),
            Self::SecretKey(_) => &[],
        }
    }
}

/// The entries of a keystore, in file order.
///
/// File order is kept so that an unchanged store is written back byte for byte. Aliases are
/// unique except in files that already hold duplicates (Java: the last one wins on lookup).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Entries {
    list: Vec<(Alias, Entry)>,
    extra: Vec<Opaque>,
}

impl Entries {
    /// No entries.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Number of entries (as stored; duplicates counted).
    #[must_use]
    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// Whether there are no entries.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// Entries in file order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&Alias, &Entry)> {
        self.list.iter().map(|(a, e)| (a, e))
    }

    /// Store-level data that belongs to no entry, kept for round trips (PKCS#12: bags of
    /// unknown types, certificates that are neither trusted nor part of a chain).
    #[must_use]
    pub fn extra(&self) -> &[Opaque] {
        &self.extra
    }

    /// Mutable access to the store-level data (e.g. to drop it before saving).
    pub fn extra_mut(&mut self) -> &mut Vec<Opaque> {
        &mut self.extra
    }

    /// Appends an entry as read from a file (no folding, no duplicate check).
    pub fn push_raw(&mut self, alias: Alias, entry: Entry) {
        self.list.push((alias, entry));
    }

    fn position(&self, name: &str) -> Option<usize> {
        // Exact match first (last one wins, as Java's map), then case-insensitive.
        self.list
            .iter()
            .rposition(|(a, _)| a.as_str() == name)
            .or_else(|| {
                let folded = name.to_lowercase();
                self.list
                    .iter()
                    .rposition(|(a, _)| a.matches_folded(&folded))
            })
    }

    /// Looks an alias up the way Java does (folded; stored aliases matched case-insensitively).
    #[must_use]
    pub fn get(&self, name: &str) -> Option<(&Alias, &Entry)> {
        self.position(name)
            .and_then(|i| self.list.get(i))
            .map(|(a, e)| (a, e))
    }

    /// Mutable lookup.
    pub fn get_mut(&mut self, name: &str) -> Option<&mut Entry> {
        let i = self.position(name)?;
        self.list.get_mut(i).map(|(_, e)| e)
    }

    /// Whether `name` is present.
    #[must_use]
    pub fn contains(&self, name: &str) -> bool {
        self.position(name).is_some()
    }

    /// Sets `alias` (folded as Java does) to `entry`: replaces an existing entry in place,
    /// else appends. Returns the previous entry.
    pub fn insert(&mut self, alias: &str, entry: Entry) -> Option<Entry> {
        match self.position(alias) {
            Some(i) => self
                .list
                .get_mut(i)
                .map(|slot| core::mem::replace(&mut slot.1, entry)),
            None => {
                self.list.push((Alias::folded(alias), entry));
                None
            }
        }
    }

    /// Removes `name` (and any duplicates of it). Returns the entry that lookups saw.
    pub fn remove(&mut self, name: &str) -> Option<Entry> {
        let i = self.position(name)?;
        let stored = self.list.get(i)?.0.clone();
        let (_, entry) = self.list.remove(i);
        self.list.retain(|(a, _)| *a != stored);
        Some(entry)
    }

    /// Renames `from` to `to` (folded), keeping the position.
    ///
    /// # Errors
    /// [`Error::AliasNotFound`] or [`Error::DuplicateAlias`].
    pub fn rename(&mut self, from: &str, to: &str) -> Result<(), Error> {
        if self.contains(to) {
            return Err(Error::DuplicateAlias {
                alias: String::from(to),
            });
        }
        let i = self.position(from).ok_or_else(|| Error::AliasNotFound {
            alias: String::from(from),
        })?;
        if let Some(slot) = self.list.get_mut(i) {
            slot.0 = Alias::folded(to);
        }
        Ok(())
    }

    /// Aliases sorted as `keytool -list` sorts them (Java `String.compareTo`), with the entry
    /// lookups would find (for files holding duplicate aliases, the last one).
    #[must_use]
    pub fn sorted(&self) -> Vec<(&Alias, &Entry)> {
        let mut seen = alloc::collections::BTreeSet::new();
        let mut out: Vec<(&Alias, &Entry)> = Vec::with_capacity(self.list.len());
        for (a, e) in self.list.iter().rev() {
            if seen.insert(a.as_str()) {
                out.push((a, e));
            }
        }
        out.sort_by(|x, y| x.0.java_cmp(y.0));
        out
    }
}

impl<'a> IntoIterator for &'a Entries {
    type Item = (&'a Alias, &'a Entry);
    type IntoIter = core::iter::Map<
        core::slice::Iter<'a, (Alias, Entry)>,
        fn(&'a (Alias, Entry)) -> (&'a Alias, &'a Entry),
    >;
    fn into_iter(self) -> Self::IntoIter {
        self.list.iter().map(|(a, e)| (a, e))
    }
}
