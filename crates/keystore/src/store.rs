//! [`KeyStore`]: one type over the keystore formats.

use keystore_model::{
    Alias, CertificateDer, Entries, Entry, EntryKind, Error, Limits, PrivateKeyEntry, ProtectedKey,
    ProtectedSecret, SecretKey, SecretKeyEntry, StoreFormat, Timestamp, TrustedCertEntry,
};
use keystore_pbe::Password;

use keystore_pkcs12::{Profile, WriteOptions};

use crate::detect;

/// A keystore in memory: its format and its entries.
///
/// Load with [`KeyStore::from_bytes`] (or [`crate::fs::open`]), change it, and write it with
/// [`KeyStore::to_bytes`] (or [`crate::fs::StoreFile::save`]). An unchanged JKS or JCEKS store
/// is written back byte for byte.
#[derive(Clone, Debug)]
pub struct KeyStore {
    format: StoreFormat,
    version: u32,
    entries: Entries,
    limits: Limits,
    /// How a PKCS#12 store is protected when written.
    profile: Profile,
}

/// The JKS/JCEKS version Java writes.
const CURRENT_JKS_VERSION: u32 = 2;

impl KeyStore {
    /// An empty keystore.
    #[must_use]
    pub fn new(format: StoreFormat) -> Self {
        Self {
            format,
            version: CURRENT_JKS_VERSION,
            entries: Entries::new(),
            limits: Limits::DEFAULT,
            profile: Profile::Jdk,
        }
    }

    /// Loads a keystore, detecting its format from the content.
    ///
    /// With `Some(password)` the store's integrity is verified before anything is returned;
    /// with `None` it is not (keytool's unverified mode: use only to list).
    ///
    /// # Errors
    /// [`Error::UnrecognizedFormat`], [`Error::IntegrityCheckFailed`] (wrong password or
    /// tampered), [`Error::Malformed`], [`Error::LimitExceeded`].
    pub fn from_bytes(bytes: &[u8], password: Option<&Password>) -> Result<Self, Error> {
        Self::from_bytes_with_limits(bytes, password, Limits::DEFAULT)
    }

    /// [`KeyStore::from_bytes`] with explicit [`Limits`].
    ///
    /// # Errors
    /// As [`KeyStore::from_bytes`].
    pub fn from_bytes_with_limits(
        bytes: &[u8],
        password: Option<&Password>,
        limits: Limits,
    ) -> Result<Self, Error> {
        match detect(bytes) {
            Some(StoreFormat::Jks | StoreFormat::Jceks) => {
                let d = keystore_jks::decode(bytes, password, &limits)?;
                check_certificates(&d.entries)?;
                Ok(Self {
                    format: d.format,
                    version: d.version,
                    entries: d.entries,
                    limits,
                    profile: Profile::Jdk,
                })
            }
            Some(StoreFormat::Pkcs12) => {
                let d = keystore_pkcs12::decode(bytes, password, &limits)?;
                check_certificates(&d.entries)?;
                Ok(Self {
                    format: StoreFormat::Pkcs12,
                    version: CURRENT_JKS_VERSION,
                    entries: d.entries,
                    limits,
                    profile: d.profile,
                })
            }
            Some(other) => Err(Error::UnsupportedFormat(other)),
            None => Err(Error::UnrecognizedFormat),
        }
    }

    /// Loads a keystore as a given format, with Java's provider rules: the JCEKS reader also
    /// reads JKS files (the store then *is* JCEKS, and is written back as JCEKS), the JKS reader
    /// accepts only JKS.
    ///
    /// # Errors
    /// As [`KeyStore::from_bytes`]; a file of another format is [`Error::Malformed`] with
    /// [`keystore_model::Malformed::BadMagic`].
    pub fn from_bytes_as(
        format: StoreFormat,
        bytes: &[u8],
        password: Option<&Password>,
    ) -> Result<Self, Error> {
        let found = detect(bytes);
        let accepted = match format {
            StoreFormat::Jks => found == Some(StoreFormat::Jks),
            StoreFormat::Jceks => matches!(found, Some(StoreFormat::Jks | StoreFormat::Jceks)),
            _ => found == Some(format),
        };
        if !accepted {
            return Err(Error::Malformed {
                format,
                offset: 0,
                what: keystore_model::Malformed::BadMagic,
            });
        }
        let mut store = Self::from_bytes(bytes, password)?;
        store.format = format;
        Ok(store)
    }

    /// Serializes the keystore, protecting its integrity with `password`.
    ///
    /// # Errors
    /// [`Error::EntryNotSupported`] (e.g. a secret key in JKS), [`Error::UnsupportedAlgorithm`]
    /// (a key protected in a way the format cannot hold: convert first),
    /// [`Error::Unencodable`], [`Error::UnsupportedFormat`].
    pub fn to_bytes(&self, password: &Password) -> Result<Vec<u8>, Error> {
        match self.format {
            StoreFormat::Jks | StoreFormat::Jceks => {
                keystore_jks::encode(&self.entries, self.format, self.version, password)
            }
            StoreFormat::Pkcs12 => {
                keystore_pkcs12::encode(&self.entries, &self.write_options(), password, &mut random)
            }
            other => Err(Error::UnsupportedFormat(other)),
        }
    }

    /// The PKCS#12 protection profile used when this store is written as PKCS#12 (a loaded
    /// file keeps the profile closest to its own protection; new stores use keytool's default).
    #[must_use]
    pub fn pkcs12_profile(&self) -> Profile {
        self.profile
    }

    /// Chooses the PKCS#12 protection profile for the next write (and for keys added from now on).
    pub fn set_pkcs12_profile(&mut self, profile: Profile) {
        self.profile = profile;
    }

    fn write_options(&self) -> WriteOptions {
        WriteOptions::new(self.profile).with_now(now())
    }

    /// The format the store is written in.
    #[must_use]
    pub fn format(&self) -> StoreFormat {
        self.format
    }

    /// The JKS/JCEKS file version read (1 or 2); new stores are version 2.
    #[must_use]
    pub fn version(&self) -> u32 {
        self.version
    }

    /// Makes the next write use the current file version (2), as keytool does on every write.
    pub fn upgrade_version(&mut self) {
        self.version = CURRENT_JKS_VERSION;
    }

    /// The limits applied when decrypting.
    #[must_use]
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// The entries, in file order.
    #[must_use]
    pub fn entries(&self) -> &Entries {
        &self.entries
    }

    /// Number of entries.
    #[must_use]
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the store is empty.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Aliases in the order Java enumerates them, which is the order keytool processes entries
    /// in (`-importkeystore`, duplicate-certificate lookups): for JKS and JCEKS the order of a
    /// `Hashtable` filled in file order, for PKCS#12 the file order.
    #[must_use]
    pub fn aliases_in_java_order(&self) -> Vec<&Alias> {
        let all: Vec<&Alias> = self.entries.iter().map(|(a, _)| a).collect();
        match self.format {
            StoreFormat::Jks | StoreFormat::Jceks => {
                let names: Vec<&str> = all.iter().map(|a| a.as_str()).collect();
                keystore_jks::java_hashtable_order(&names)
                    .into_iter()
                    .filter_map(|i| all.get(i).copied())
                    .collect()
            }
            _ => all,
        }
    }

    /// The entries as keytool lists them: by alias in Java `String` order, one per alias. Java's
    /// PKCS#12 store lower-cases aliases when it loads a file (the friendlyName keeps its case on
    /// disk), JKS and JCEKS list the stored text.
    #[must_use]
    pub fn listing(&self) -> Vec<(std::borrow::Cow<'_, str>, &Entry)> {
        let mut out: Vec<(std::borrow::Cow<'_, str>, &Entry)> = self
            .entries
            .sorted()
            .into_iter()
            .map(|(alias, entry)| match self.format {
                StoreFormat::Pkcs12 => (
                    std::borrow::Cow::Owned(alias.as_str().to_lowercase()),
                    entry,
                ),
                _ => (std::borrow::Cow::Borrowed(alias.as_str()), entry),
            })
            .collect();
        out.sort_by(|a, b| a.0.encode_utf16().cmp(b.0.encode_utf16()));
        out
    }

    /// Looks an entry up (Java's case-insensitive alias rules).
    #[must_use]
    pub fn get(&self, alias: &str) -> Option<&Entry> {
        self.entries.get(alias).map(|(_, e)| e)
    }

    /// Whether `alias` exists.
    #[must_use]
    pub fn contains(&self, alias: &str) -> bool {
        self.entries.contains(alias)
    }

    fn key_entry(&self, alias: &str) -> Result<&PrivateKeyEntry, Error> {
        match self.get(alias) {
            Some(Entry::PrivateKey(k)) => Ok(k),
            Some(other) => Err(Error::WrongEntryType {
                alias: alias.into(),
                expected: EntryKind::PrivateKey,
                found: other.kind(),
            }),
            None => Err(Error::AliasNotFound {
                alias: alias.into(),
            }),
        }
    }

    /// Decrypts a private key to PKCS#8 `PrivateKeyInfo` DER (zeroized on drop).
    ///
    /// # Errors
    /// [`Error::AliasNotFound`], [`Error::WrongEntryType`], [`Error::KeyDecryptionFailed`]
    /// (wrong key password or corrupt entry), [`Error::UnsupportedAlgorithm`].
    pub fn private_key(
        &self,
        alias: &str,
        key_password: &Password,
    ) -> Result<der::SecretDocument, Error> {
        self.key_entry(alias)?
            .key
            .decrypt(key_password, &self.limits)
    }

    /// Decrypts a private key into any RustCrypto key type (`rsa::RsaPrivateKey`,
    /// `p256::SecretKey`, …).
    ///
    /// # Errors
    /// As [`KeyStore::private_key`]; [`Error::UnsupportedAlgorithm`] when the key is not of type `K`.
    pub fn private_key_as<K: pkcs8::DecodePrivateKey>(
        &self,
        alias: &str,
        key_password: &Password,
    ) -> Result<K, Error> {
        let doc = self.private_key(alias, key_password)?;
        K::from_pkcs8_der(doc.as_bytes()).map_err(|_| Error::UnsupportedAlgorithm {
            oid: "private key of another type".into(),
        })
    }

    /// The certificate chain of a key entry (end entity first).
    ///
    /// # Errors
    /// [`Error::AliasNotFound`], [`Error::WrongEntryType`].
    pub fn certificate_chain(&self, alias: &str) -> Result<&[CertificateDer], Error> {
        Ok(&self.key_entry(alias)?.chain)
    }

    /// Unseals a secret key.
    ///
    /// # Errors
    /// [`Error::AliasNotFound`], [`Error::WrongEntryType`], [`Error::KeyDecryptionFailed`].
    pub fn secret_key(&self, alias: &str, key_password: &Password) -> Result<SecretKey, Error> {
        match self.get(alias) {
            Some(Entry::SecretKey(s)) => match &s.key {
                ProtectedSecret::JceSealed(sealed) => {
                    keystore_jks::sealed::unseal(sealed, key_password, &self.limits)
                }
                ProtectedSecret::Pkcs12(der) => {
                    keystore_pkcs12::decrypt_secret_key(der, key_password, &self.limits)
                }
                _ => Err(Error::UnsupportedAlgorithm {
                    oid: "sealed secret key".into(),
                }),
            },
            Some(other) => Err(Error::WrongEntryType {
                alias: alias.into(),
                expected: EntryKind::SecretKey,
                found: other.kind(),
            }),
            None => Err(Error::AliasNotFound {
                alias: alias.into(),
            }),
        }
    }

    /// Adds a trusted certificate under `alias` (folded to lower case as Java does), or replaces
    /// an existing trusted certificate.
    ///
    /// # Errors
    /// [`Error::DuplicateAlias`] when `alias` holds a key (Java: "Cannot overwrite own certificate").
    pub fn set_trusted_cert(
        &mut self,
        alias: &str,
        cert: CertificateDer,
        created: Timestamp,
    ) -> Result<(), Error> {
        if matches!(
            self.get(alias),
            Some(Entry::PrivateKey(_) | Entry::SecretKey(_))
        ) {
            return Err(Error::DuplicateAlias {
                alias: alias.into(),
            });
        }
        self.entries.insert(
            alias,
            Entry::TrustedCert(TrustedCertEntry::new(Some(created), cert)),
        );
        Ok(())
    }

    /// Protects PKCS#8 DER with `key_password` in this store's scheme and sets it, with its
    /// chain, under `alias` (replacing any entry there).
    ///
    /// # Errors
    /// [`Error::Password`] when the password cannot be encoded for the scheme.
    ///
    /// # Security
    /// JKS and JCEKS protection is weak (SHA-1 XOR, MD5/3DES): prefer PKCS#12.
    pub fn set_private_key(
        &mut self,
        alias: &str,
        pkcs8: &[u8],
        chain: Vec<CertificateDer>,
        key_password: &Password,
        created: Timestamp,
    ) -> Result<(), Error> {
        let key = self.protect(pkcs8, key_password)?;
        self.entries.insert(
            alias,
            Entry::PrivateKey(PrivateKeyEntry::new(Some(created), key, chain)),
        );
        Ok(())
    }

    /// Stores any RustCrypto private key (`impl EncodePrivateKey`) with its chain.
    ///
    /// # Errors
    /// As [`KeyStore::set_private_key`]; [`Error::ApiMisuse`] if the key cannot be encoded.
    pub fn set_private_key_from(
        &mut self,
        alias: &str,
        key: &impl pkcs8::EncodePrivateKey,
        chain: Vec<CertificateDer>,
        key_password: &Password,
        created: Timestamp,
    ) -> Result<(), Error> {
        let doc = key
            .to_pkcs8_der()
            .map_err(|_| Error::ApiMisuse("key cannot be encoded as PKCS#8"))?;
        self.set_private_key(alias, doc.as_bytes(), chain, key_password, created)
    }

    /// Seals and stores a secret key (JCEKS and PKCS#12).
    ///
    /// # Errors
    /// [`Error::EntryNotSupported`] for JKS.
    pub fn set_secret_key(
        &mut self,
        alias: &str,
        key: &SecretKey,
        key_password: &Password,
        created: Timestamp,
    ) -> Result<(), Error> {
        let sealed = self.protect_secret(key, key_password)?;
        self.entries.insert(
            alias,
            Entry::SecretKey(SecretKeyEntry::new(Some(created), sealed)),
        );
        Ok(())
    }

    /// Re-protects a key entry (private or secret) with a new key password (keytool `-keypasswd`).
    ///
    /// # Errors
    /// As [`KeyStore::private_key`] and [`KeyStore::secret_key`].
    pub fn change_key_password(
        &mut self,
        alias: &str,
        old: &Password,
        new: &Password,
        created: Timestamp,
    ) -> Result<(), Error> {
        if let Some(Entry::SecretKey(_)) = self.get(alias) {
            let key = self.secret_key(alias, old)?;
            return self.set_secret_key(alias, &key, new, created);
        }
        let plain = self.private_key(alias, old)?;
        let key = self.protect(plain.as_bytes(), new)?;
        if let Some(Entry::PrivateKey(k)) = self.entries.get_mut(alias) {
            k.key = key;
            k.created = Some(created);
        }
        Ok(())
    }

    /// Re-protects every key and secret-key entry from `old` to `new` (PKCS#12 `-storepasswd`,
    /// where key passwords are the store password). Nothing changes if any key fails.
    ///
    /// # Errors
    /// [`Error::KeyDecryptionFailed`] and the errors of [`KeyStore::import_entry`].
    pub fn change_all_key_passwords(
        &mut self,
        old: &Password,
        new: &Password,
    ) -> Result<(), Error> {
        let mut out = self.clone();
        for (alias, entry) in self.entries.iter() {
            if matches!(entry, Entry::PrivateKey(_) | Entry::SecretKey(_)) {
                out.import_entry(alias.as_str(), self, alias.as_str(), old, new)?;
            }
        }
        *self = out;
        Ok(())
    }

    /// Removes an entry.
    pub fn remove(&mut self, alias: &str) -> Option<Entry> {
        self.entries.remove(alias)
    }

    /// Renames an entry, keeping its position.
    ///
    /// # Errors
    /// [`Error::AliasNotFound`], [`Error::DuplicateAlias`].
    pub fn rename(&mut self, from: &str, to: &str) -> Result<(), Error> {
        self.entries.rename(from, to)
    }

    /// Direct access to the entries (for tools that edit raw entries).
    pub fn entries_mut(&mut self) -> &mut Entries {
        &mut self.entries
    }

    /// Copies entry `src_alias` of `src` into this store as `dest_alias` (replacing any entry
    /// there), re-protecting keys when this format cannot hold them as they are: a key is
    /// decrypted with `src_key_password` and protected with `dest_key_password` (keytool
    /// `-importkeystore`; for PKCS#12 the key password is the store password).
    ///
    /// # Errors
    /// [`Error::AliasNotFound`], [`Error::EntryNotSupported`] (a secret key into JKS),
    /// [`Error::KeyDecryptionFailed`], [`Error::UnsupportedAlgorithm`].
    pub fn import_entry(
        &mut self,
        dest_alias: &str,
        src: &Self,
        src_alias: &str,
        src_key_password: &Password,
        dest_key_password: &Password,
    ) -> Result<(), Error> {
        let (_, entry) = src
            .entries
            .get(src_alias)
            .ok_or_else(|| Error::AliasNotFound {
                alias: src_alias.into(),
            })?;
        let converted = match entry {
            Entry::SecretKey(_) if self.format == StoreFormat::Jks => {
                return Err(Error::EntryNotSupported {
                    format: self.format,
                    kind: EntryKind::SecretKey,
                });
            }
            Entry::SecretKey(s) => {
                let key = src.secret_key(src_alias, src_key_password)?;
                let mut copy = s.clone();
                copy.key = self.protect_secret(&key, dest_key_password)?;
                Entry::SecretKey(copy)
            }
            Entry::PrivateKey(k) => {
                let plain = k.key.decrypt(src_key_password, &src.limits)?;
                let mut copy = k.clone();
                copy.key = self.protect(plain.as_bytes(), dest_key_password)?;
                Entry::PrivateKey(copy)
            }
            other => other.clone(),
        };
        self.entries.insert(dest_alias, converted);
        Ok(())
    }

    /// Converts the store to another format. Keys are decrypted with `src_key_password(alias)`
    /// and protected again with `dest_key_password(alias)`; PKCS#12 stores protect keys with the
    /// store password, so pass it for every alias there. Aliases and creation dates are kept.
    ///
    /// # Errors
    /// As [`KeyStore::import_entry`].
    pub fn convert(
        &self,
        to: StoreFormat,
        src_key_password: &dyn Fn(&str) -> Password,
        dest_key_password: &dyn Fn(&str) -> Password,
    ) -> Result<Self, Error> {
        let mut out = Self::new(to);
        out.limits = self.limits;
        if to == self.format {
            out.profile = self.profile;
        }
        for (alias, _) in self.entries.iter() {
            let name = alias.as_str();
            out.import_entry(
                name,
                self,
                name,
                &src_key_password(name),
                &dest_key_password(name),
            )?;
        }
        Ok(out)
    }

    fn protect(&self, pkcs8: &[u8], password: &Password) -> Result<ProtectedKey, Error> {
        let der = match self.format {
            StoreFormat::Jks => {
                let mut salt = [0u8; 20];
                random(&mut salt)?;
                keystore_pbe::jks::protect_key(pkcs8, password, &salt)
            }
            StoreFormat::Jceks => {
                let salt = jce_salt()?;
                keystore_pbe::jce::protect_key(
                    pkcs8,
                    password,
                    &salt,
                    keystore_pbe::jce::DEFAULT_ITERATIONS,
                )
            }
            StoreFormat::Pkcs12 => {
                return keystore_pkcs12::protect_private_key(
                    pkcs8,
                    password,
                    &self.write_options(),
                    &mut random,
                );
            }
            other => return Err(Error::UnsupportedFormat(other)),
        }
        .map_err(Error::Password)?;
        Ok(ProtectedKey::from_der(der))
    }

    fn protect_secret(
        &self,
        key: &SecretKey,
        password: &Password,
    ) -> Result<ProtectedSecret, Error> {
        match self.format {
            StoreFormat::Jceks => {
                let salt = jce_salt()?;
                let sealed = keystore_jks::sealed::seal(
                    key,
                    password,
                    &salt,
                    keystore_pbe::jce::DEFAULT_ITERATIONS,
                )?;
                Ok(ProtectedSecret::JceSealed(sealed))
            }
            StoreFormat::Pkcs12 => keystore_pkcs12::protect_secret_key(
                key,
                password,
                &self.write_options(),
                &mut random,
            ),
            format => Err(Error::EntryNotSupported {
                format,
                kind: EntryKind::SecretKey,
            }),
        }
    }
}

/// Java parses every certificate while loading, so a store holding a broken one does not load.
/// The check here is structural (a DER `Certificate` is `SEQUENCE { SEQUENCE tbs, SEQUENCE
/// algorithm, BIT STRING signature }` filling the bytes exactly); full parsing happens where a
/// certificate is used.
fn check_certificates(entries: &Entries) -> Result<(), Error> {
    use der::{Decode, Reader, SliceReader, Tag, Tagged};
    fn shape(der: &[u8]) -> der::Result<()> {
        let mut reader = SliceReader::new(der)?;
        reader.sequence(|seq| -> der::Result<()> {
            for tag in [Tag::Sequence, Tag::Sequence, Tag::BitString] {
                let any = der::AnyRef::decode(seq)?;
                if any.tag() != tag {
                    return Err(der::Error::from(any.tag().unexpected_error(Some(tag))));
                }
            }
            Ok(())
        })?;
        reader.finish()
    }
    for (alias, entry) in entries {
        for (i, cert) in entry.certificates().iter().enumerate() {
            shape(cert.as_bytes()).map_err(|source| Error::InvalidCertificate {
                alias: alias.as_str().to_owned(),
                position: i + 1,
                source,
            })?;
        }
    }
    Ok(())
}

fn random(buf: &mut [u8]) -> Result<(), Error> {
    // (also the codecs' `RandomSource`)
    getrandom::fill(buf).map_err(|_| Error::ApiMisuse("operating system random source unavailable"))
}

/// A JCE PBE salt that Java's cipher accepts (halves not equal-and-mirrored).
fn jce_salt() -> Result<[u8; 8], Error> {
    loop {
        let mut salt = [0u8; 8];
        random(&mut salt)?;
        if salt[..4] != salt[4..] {
            return Ok(salt);
        }
    }
}

/// The current time as a keystore timestamp.
#[must_use]
pub fn now() -> Timestamp {
    let ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX));
    Timestamp(ms)
}
