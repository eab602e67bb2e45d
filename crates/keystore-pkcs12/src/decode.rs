//! Bytes → entries, following Java's `PKCS12KeyStore.engineLoad` (pkcs12.md §6).

use alloc::{
    collections::{BTreeMap, BTreeSet},
    string::{String, ToString},
    vec::Vec,
};
use keystore_model::{
    Alias, CertificateDer, Entries, Entry, Error, Limits, Malformed, Opaque, Password,
    PrivateKeyEntry, ProtectedKey, ProtectedSecret, SecretKeyEntry, StoreFormat, Timestamp,
    TrustedCertEntry,
};
use keystore_pbe::{
    Scheme,
    mac::{MacAlgorithm, MacData},
};
use zeroize::Zeroizing;

use crate::{
    Decoded, Integrity, Profile,
    asn1::{
        self, BMP_STRING, CONTEXT_0, CONTEXT_0_PRIMITIVE, INTEGER, OCTET_STRING, Reader, SEQUENCE,
        SET, Tlv, UTF8_STRING, bad,
    },
    ber,
    certinfo::{self, CertInfo},
    oids,
};

/// Decodes a PKCS#12 file (DER or BER).
///
/// With `Some(password)` the MAC, when present, is verified **before** anything else is
/// parsed, and `encryptedData` safes are decrypted. With `None` nothing is verified and
/// encrypted safes are skipped, as Java does ([`Decoded::skipped_encrypted_safes`]). The empty
/// password is tried as RFC 7292 encodes it and as OpenSSL's "no password".
///
/// Entries follow Java's reader rules: `pkcs8ShroudedKeyBag` → key entry (kept encrypted;
/// [`ProtectedKey::decrypt`] goes through `keystore-pbe`), certificate bags paired by
/// `localKeyId` (then `friendlyName`) and chains built by issuer, Java's trusted-key-usage
/// attribute → trusted-certificate entry, `secretBag` → secret-key entry
/// ([`ProtectedSecret::Pkcs12`]); `friendlyName` → alias (stored text, not folded), else
/// `"1"`, `"2"`, …; `localKeyId` `Time <millis>` → creation date. Where Java drops data this
/// reader keeps it:
///
/// * a `keyBag` (unencrypted key, which Java ignores) becomes a key entry holding
///   [`ProtectedKey::unprotected`];
/// * key bags without `localKeyId` after the first (Java drops them) stay entries, paired by
///   `friendlyName` only;
/// * bags of other types, and certificates that are neither trusted nor in any chain, go to
///   [`Entries::extra`] (with `confidential` set when they came from an encrypted safe);
/// * unknown bag attributes go to the entry's `extra`, as do a `localKeyId` that is not a
///   `Time` value and a non-standard trusted-key-usage value, so [`crate::encode`] writes them
///   back.
///
/// Duplicate aliases are kept (lookups find the last, as Java's map does).
///
/// # Errors
/// * `Malformed` (with the byte offset; exact for DER input) for truncated or overlong
///   elements and anything that is not a PFX; `BadCertificate` for an unparseable
///   certificate;
/// * `UnsupportedVersion` for a version other than 3; `UnsupportedAlgorithm` for public-key
///   integrity or privacy (`signedData`, `envelopedData`) and unknown MAC or PBE algorithms;
/// * `LimitExceeded` for the input size, the number of bags or entries, a chain longer than
///   `limits.max_chain_len`, ASN.1 nesting deeper than [`ber::MAX_DEPTH`], an iteration count
///   above `limits.max_iterations`, or more than 4 × `limits.max_iterations` iterations in
///   total (MAC plus encrypted safes) — all checked before the work is done;
/// * `IntegrityCheckFailed` for a wrong password or tampered data: a MAC mismatch or an
///   encrypted safe that does not decrypt (indistinguishable by design).
pub fn decode(
    bytes: &[u8],
    password: Option<&Password>,
    limits: &Limits,
) -> Result<Decoded, Error> {
    limits.check_input_len(bytes.len())?;
    let pfx = ber::normalize(bytes, 0)?;
    let mut top = Reader::new(&pfx, 0);
    let pfx_seq = top.expect(SEQUENCE, "PFX is not a SEQUENCE")?;
    top.finish("trailing data after the PFX")?;
    let mut r = pfx_seq.reader();
    let version = r.expect(INTEGER, "missing PFX version")?;
    match version.small_uint() {
        Ok(3) => {}
        Ok(v) => {
            return Err(Error::UnsupportedVersion {
                format: StoreFormat::Pkcs12,
                version: v,
            });
        }
        Err(_) => {
            return Err(Error::UnsupportedVersion {
                format: StoreFormat::Pkcs12,
                version: u32::MAX,
            });
        }
    }
    let auth_safe = r.expect(SEQUENCE, "authSafe is not a ContentInfo")?;
    let mac_tlv = if r.is_empty() {
        None
    } else {
        Some(r.expect(SEQUENCE, "MacData is not a SEQUENCE")?)
    };
    r.finish("trailing data after MacData")?;

    let auth_data = data_content(&auth_safe)?;
    let mut budget = Budget::new(limits);

    let mac = match mac_tlv {
        Some(tlv) => match MacData::from_der(tlv.raw) {
            Ok(mac) => Some(mac),
            Err(e) if password.is_some() => return Err(pbe_error(e, tlv.offset)),
            Err(_) => None,
        },
        None => None,
    };
    let integrity = match (&mac, password) {
        (Some(mac), Some(pw)) => {
            budget.spend(mac.work_iterations())?;
            let ok = mac
                .verify(auth_data.content, pw, limits.max_iterations)
                .map_err(|e| pbe_error(e, mac_tlv.map_or(0, |t| t.offset)))?;
            if !ok {
                return Err(Error::IntegrityCheckFailed);
            }
            Integrity::Verified
        }
        _ if mac_tlv.is_some() => Integrity::NotChecked,
        _ => Integrity::NoMac,
    };

    let auth = ber::normalize(auth_data.content, auth_data.content_offset)?;
    let mut ar = Reader::new(&auth, auth_data.content_offset);
    let safes_seq = ar.expect(SEQUENCE, "AuthenticatedSafe is not a SEQUENCE")?;
    ar.finish("trailing data after the AuthenticatedSafe")?;

    let mut collector = Collector::new(limits);
    let mut skipped = 0usize;
    let mut encrypted_safes = 0usize;
    let mut pbes1_safes = false;
    let mut safes = safes_seq.reader();
    while !safes.is_empty() {
        let ci = safes.expect(SEQUENCE, "ContentInfo is not a SEQUENCE")?;
        let mut c = ci.reader();
        let content_type = c
            .expect(asn1::OID, "ContentInfo without contentType")?
            .oid()?;
        if content_type == oids::DATA {
            let content = data_content(&ci)?;
            collector.safe_contents(content.content, content.content_offset, false)?;
        } else if content_type == oids::ENCRYPTED_DATA {
            encrypted_safes += 1;
            let Some(pw) = password else {
                skipped += 1;
                continue;
            };
            let (alg, ciphertext, ct_offset) = encrypted_content(&ci)?;
            let scheme =
                Scheme::from_algorithm_identifier(alg.raw).map_err(|e| pbe_error(e, alg.offset))?;
            pbes1_safes |= matches!(scheme, Scheme::Pkcs12Pbe(_));
            budget.spend(scheme.iterations())?;
            let plain = keystore_pbe::decrypt(alg.raw, &ciphertext, pw, limits.max_iterations)
                .map_err(|e| pbe_error(e, alg.offset))?;
            collector.safe_contents(&plain, ct_offset, true)?;
        } else {
            return Err(Error::UnsupportedAlgorithm {
                oid: content_type.to_string(),
            });
        }
    }

    let entries = collector.finish()?;
    let profile = match (&mac, encrypted_safes) {
        (None, 0) if mac_tlv.is_none() => Profile::PasswordlessTruststore,
        (Some(m), _) if matches!(m.algorithm, MacAlgorithm::Pbmac1(_)) => Profile::Pbmac1,
        (Some(m), _) if m.algorithm == MacAlgorithm::Pkcs12(keystore_pbe::HashAlgorithm::Sha1) => {
            Profile::Legacy
        }
        _ if pbes1_safes => Profile::Legacy,
        _ => Profile::Jdk,
    };
    Ok(Decoded {
        entries,
        integrity,
        skipped_encrypted_safes: skipped,
        profile,
    })
}

/// Maps a `keystore-pbe` error met while reading the store at `offset`.
fn pbe_error(e: keystore_pbe::Error, offset: usize) -> Error {
    use keystore_pbe::Error as P;
    match e {
        P::DecryptFailed => Error::IntegrityCheckFailed,
        P::Malformed(what) => asn1::malformed(offset, Malformed::Other(what)),
        P::UnsupportedAlgorithm { oid } => Error::UnsupportedAlgorithm { oid },
        P::IterationCount { count, max } => Error::LimitExceeded {
            what: "PBE iteration count",
            found: count,
            limit: max,
        },
        other => Error::Password(other),
    }
}

/// Caps the total KDF iterations of one decode (MAC plus every encrypted safe).
struct Budget {
    left: u64,
    limit: u64,
}

impl Budget {
    fn new(limits: &Limits) -> Self {
        let limit = u64::from(limits.max_iterations).saturating_mul(4);
        Self { left: limit, limit }
    }

    fn spend(&mut self, iterations: u32) -> Result<(), Error> {
        let cost = u64::from(iterations);
        if cost > self.left {
            return Err(Error::LimitExceeded {
                what: "total PBE iterations",
                found: self.limit - self.left + cost,
                limit: self.limit,
            });
        }
        self.left -= cost;
        Ok(())
    }
}

/// The OCTET STRING of a `data` ContentInfo: `SEQ { OID data, [0] EXPLICIT OCTET STRING }`.
fn data_content<'a>(ci: &Tlv<'a>) -> Result<Tlv<'a>, Error> {
    let mut c = ci.reader();
    let ct = c
        .expect(asn1::OID, "ContentInfo without contentType")?
        .oid()?;
    if ct != oids::DATA {
        // signedData: public-key integrity mode (Java: "not supported").
        return Err(Error::UnsupportedAlgorithm {
            oid: ct.to_string(),
        });
    }
    let explicit = c.expect(CONTEXT_0, "data ContentInfo without content")?;
    c.finish("trailing data in ContentInfo")?;
    let mut e = explicit.reader();
    let os = e.expect(OCTET_STRING, "data content is not an OCTET STRING")?;
    e.finish("trailing data in ContentInfo content")?;
    Ok(os)
}

/// `encryptedData` → (AlgorithmIdentifier, ciphertext, offset of the ciphertext).
fn encrypted_content<'a>(ci: &Tlv<'a>) -> Result<(Tlv<'a>, Vec<u8>, usize), Error> {
    let mut c = ci.reader();
    c.next()?; // contentType, checked by the caller
    let explicit = c.expect(CONTEXT_0, "encryptedData ContentInfo without content")?;
    c.finish("trailing data in ContentInfo")?;
    let mut e = explicit.reader();
    let ed = e.expect(SEQUENCE, "EncryptedData is not a SEQUENCE")?;
    e.finish("trailing data in ContentInfo content")?;
    let mut d = ed.reader();
    d.expect(INTEGER, "EncryptedData without version")?;
    let eci = d.expect(SEQUENCE, "EncryptedContentInfo is not a SEQUENCE")?;
    // Optional unprotectedAttrs [1] are ignored, as Java does.
    let mut i = eci.reader();
    i.expect(asn1::OID, "EncryptedContentInfo without contentType")?;
    let alg = i.expect(SEQUENCE, "EncryptedContentInfo without algorithm")?;
    if i.is_empty() {
        return Err(bad(
            eci.offset,
            "EncryptedContentInfo without encryptedContent",
        ));
    }
    let content = i.next()?;
    i.finish("trailing data in EncryptedContentInfo")?;
    let ciphertext = match content.tag {
        CONTEXT_0_PRIMITIVE => content.content.to_vec(),
        CONTEXT_0 => {
            // Constructed [0] IMPLICIT OCTET STRING (BER): concatenate the segments.
            let mut out = Vec::with_capacity(content.content.len());
            let mut segs = content.reader();
            while !segs.is_empty() {
                out.extend_from_slice(
                    segs.expect(OCTET_STRING, "encryptedContent segment")?
                        .content,
                );
            }
            out
        }
        _ => return Err(bad(content.offset, "unsupported encryptedContent tag")),
    };
    Ok((alg, ciphertext, content.content_offset))
}

/// The attributes of one bag.
#[derive(Default)]
struct BagAttributes {
    friendly_name: Option<String>,
    local_key_id: Option<Vec<u8>>,
    /// The raw `localKeyId` attribute.
    local_key_id_raw: Option<Vec<u8>>,
    trusted: bool,
    /// The raw trusted-key-usage attribute when its value is not Java's `{anyExtendedKeyUsage}`.
    trusted_nonstandard: Option<Vec<u8>>,
    unknown: Vec<Vec<u8>>,
}

fn parse_attributes(set: Option<Tlv<'_>>) -> Result<BagAttributes, Error> {
    let mut out = BagAttributes::default();
    let Some(set) = set else {
        return Ok(out);
    };
    let mut attrs = set.reader();
    while !attrs.is_empty() {
        let attr = attrs.expect(SEQUENCE, "bag attribute is not a SEQUENCE")?;
        let mut a = attr.reader();
        let id = a.expect(asn1::OID, "bag attribute without type")?.oid()?;
        let values = a.expect(SET, "bag attribute without values")?;
        a.finish("trailing data in bag attribute")?;
        let mut v = values.reader();
        if id == oids::FRIENDLY_NAME {
            let value = v.next()?;
            out.friendly_name = Some(match value.tag {
                BMP_STRING => bmp_string(&value)?,
                UTF8_STRING => String::from_utf8(value.content.to_vec())
                    .map_err(|_| bad(value.offset, "friendlyName is not valid UTF-8"))?,
                _ => return Err(bad(value.offset, "friendlyName is not a BMPString")),
            });
        } else if id == oids::LOCAL_KEY_ID {
            let value = v.expect(OCTET_STRING, "localKeyId is not an OCTET STRING")?;
            out.local_key_id = Some(value.content.to_vec());
            out.local_key_id_raw = Some(attr.raw.to_vec());
        } else if id == oids::TRUSTED_KEY_USAGE {
            out.trusted = true;
            if attr.raw != crate::encode::trusted_attribute().as_slice() {
                out.trusted_nonstandard = Some(attr.raw.to_vec());
            }
        } else {
            out.unknown.push(attr.raw.to_vec());
        }
    }
    Ok(out)
}

/// Decodes a BMPString (UTF-16BE, surrogate pairs allowed).
fn bmp_string(value: &Tlv<'_>) -> Result<String, Error> {
    if !value.content.len().is_multiple_of(2) {
        return Err(bad(value.offset, "BMPString has an odd length"));
    }
    let units = value.content.chunks_exact(2).map(|c| {
        u16::from_be_bytes([
            c.first().copied().unwrap_or(0),
            c.get(1).copied().unwrap_or(0),
        ])
    });
    char::decode_utf16(units)
        .collect::<Result<String, _>>()
        .map_err(|_| bad(value.offset, "friendlyName is not valid UTF-16"))
}

/// Java's creation date: `localKeyId` = ASCII `Time <decimal millis>`.
fn time_of(key_id: &[u8]) -> Option<Timestamp> {
    let text = core::str::from_utf8(key_id.strip_prefix(b"Time ")?).ok()?;
    text.parse::<i64>().ok().map(Timestamp)
}

enum Item {
    Key {
        alias: Alias,
        key: ProtectedKey,
        key_id: Option<Vec<u8>>,
        created: Option<Timestamp>,
        extra: Vec<Opaque>,
    },
    Secret {
        alias: Alias,
        key: ProtectedSecret,
        created: Option<Timestamp>,
        extra: Vec<Opaque>,
    },
    Trusted {
        alias: Alias,
        cert: usize,
        created: Option<Timestamp>,
        extra: Vec<Opaque>,
    },
}

struct CertRecord {
    der: Vec<u8>,
    info: CertInfo,
    key_id: Option<Vec<u8>>,
    friendly_name: Option<String>,
    trusted: bool,
    /// The whole bag, for [`Entries::extra`] if the certificate ends up in no entry.
    bag: Vec<u8>,
    confidential: bool,
}

struct Collector<'l> {
    limits: &'l Limits,
    max_bags: u64,
    bags: u64,
    private_keys: usize,
    unfriendly: u32,
    items: Vec<Item>,
    certs: Vec<CertRecord>,
    opaque: Vec<Opaque>,
}

fn opaque(der: &[u8], confidential: bool) -> Opaque {
    Opaque::new(StoreFormat::Pkcs12, der.to_vec(), confidential)
}

impl<'l> Collector<'l> {
    fn new(limits: &'l Limits) -> Self {
        let max_bags =
            u64::from(limits.max_entries).saturating_mul(u64::from(limits.max_chain_len) + 1);
        Self {
            limits,
            max_bags,
            bags: 0,
            private_keys: 0,
            unfriendly: 0,
            items: Vec::new(),
            certs: Vec::new(),
            opaque: Vec::new(),
        }
    }

    fn alias(&mut self, friendly_name: Option<String>) -> Alias {
        Alias::new(friendly_name.unwrap_or_else(|| {
            self.unfriendly += 1;
            self.unfriendly.to_string()
        }))
    }

    /// Reads one SafeContents (BER tolerated).
    fn safe_contents(
        &mut self,
        bytes: &[u8],
        base: usize,
        confidential: bool,
    ) -> Result<(), Error> {
        let norm = ber::normalize(bytes, base)?;
        let mut top = Reader::new(&norm, base);
        let seq = top.expect(SEQUENCE, "SafeContents is not a SEQUENCE")?;
        top.finish("trailing data after SafeContents")?;
        let mut bags = seq.reader();
        let mut first = true;
        while !bags.is_empty() {
            self.bags += 1;
            if self.bags > self.max_bags {
                return Err(Error::LimitExceeded {
                    what: "PKCS#12 bag count",
                    found: self.bags,
                    limit: self.max_bags,
                });
            }
            let bag = bags.expect(SEQUENCE, "SafeBag is not a SEQUENCE")?;
            self.bag(&bag, first, confidential)?;
            first = false;
        }
        Ok(())
    }

    fn bag(&mut self, bag: &Tlv<'_>, first_in_safe: bool, confidential: bool) -> Result<(), Error> {
        let mut b = bag.reader();
        let bag_id = b.expect(asn1::OID, "SafeBag without bagId")?.oid()?;
        let explicit = b.expect(CONTEXT_0, "SafeBag without bagValue")?;
        let attrs = b.optional(SET)?;
        b.finish("trailing data in SafeBag")?;
        let mut ev = explicit.reader();
        let value = ev.next()?;
        ev.finish("trailing data in SafeBag value")?;
        let attrs = parse_attributes(attrs)?;

        if bag_id == oids::SHROUDED_KEY_BAG || bag_id == oids::KEY_BAG {
            value.expect(SEQUENCE, "key bag value is not a SEQUENCE")?;
            self.private_keys += 1;
            let key = if bag_id == oids::SHROUDED_KEY_BAG {
                ProtectedKey::from_der(value.raw.to_vec())
            } else {
                ProtectedKey::unprotected(Zeroizing::new(value.raw.to_vec()))
            };
            let key_id = attrs
                .local_key_id
                .clone()
                .or_else(|| (self.private_keys == 1).then(|| b"01".to_vec()));
            self.push_keyish(attrs, |alias, created, extra| Item::Key {
                alias,
                key,
                key_id,
                created,
                extra,
            });
        } else if bag_id == oids::SECRET_BAG {
            match secret_epki(&value)? {
                Some(epki) => self.push_keyish(attrs, |alias, created, extra| Item::Secret {
                    alias,
                    key: ProtectedSecret::Pkcs12(epki),
                    created,
                    extra,
                }),
                None => self.opaque.push(opaque(bag.raw, confidential)),
            }
        } else if bag_id == oids::CERT_BAG {
            let Some((der, offset)) = x509_cert(&value)? else {
                self.opaque.push(opaque(bag.raw, confidential));
                return Ok(());
            };
            let info = CertInfo::parse(&der, offset)?;
            let key_id = attrs
                .local_key_id
                .clone()
                .or_else(|| (self.private_keys == 1 && first_in_safe).then(|| b"01".to_vec()));
            let index = self.certs.len();
            if attrs.trusted {
                let created = attrs.local_key_id.as_deref().and_then(time_of);
                let mut extra: Vec<Opaque> =
                    attrs.unknown.iter().map(|a| opaque(a, false)).collect();
                if let Some(raw) = &attrs.local_key_id_raw {
                    extra.insert(0, opaque(raw, false));
                }
                if let Some(raw) = &attrs.trusted_nonstandard {
                    extra.insert(0, opaque(raw, false));
                }
                let alias = self.alias(attrs.friendly_name.clone());
                self.items.push(Item::Trusted {
                    alias,
                    cert: index,
                    created,
                    extra,
                });
            }
            self.certs.push(CertRecord {
                der,
                info,
                key_id,
                friendly_name: attrs.friendly_name,
                trusted: attrs.trusted,
                bag: bag.raw.to_vec(),
                confidential,
            });
        } else {
            // crlBag, safeContentsBag, unknown types: kept, not interpreted (Java ignores them).
            self.opaque.push(opaque(bag.raw, confidential));
        }
        Ok(())
    }

    /// Key and secret bags: alias, creation date from `localKeyId`, extra attributes.
    fn push_keyish(
        &mut self,
        attrs: BagAttributes,
        make: impl FnOnce(Alias, Option<Timestamp>, Vec<Opaque>) -> Item,
    ) {
        let created = attrs.local_key_id.as_deref().and_then(time_of);
        let mut extra: Vec<Opaque> = Vec::new();
        if created.is_none()
            && let Some(raw) = &attrs.local_key_id_raw
        {
            extra.push(opaque(raw, false));
        }
        if let Some(raw) = &attrs.trusted_nonstandard {
            extra.push(opaque(raw, false));
        }
        extra.extend(attrs.unknown.iter().map(|a| opaque(a, false)));
        let alias = self.alias(attrs.friendly_name);
        self.items.push(make(alias, created, extra));
    }

    /// Lookup tables over the certificates, so pairing and chain building stay
    /// O(n log n) for large stores.
    fn index(&self) -> Index<'_> {
        let mut index = Index::default();
        for (i, c) in self.certs.iter().enumerate() {
            index
                .by_subject
                .entry(c.info.subject.as_slice())
                .or_default()
                .push(i);
            if c.trusted {
                continue;
            }
            if let Some(id) = &c.key_id {
                index.by_id.entry(id.as_slice()).or_default().push(i);
            }
            if let Some(name) = &c.friendly_name {
                index
                    .by_name
                    .entry(name.to_lowercase())
                    .or_default()
                    .push(i);
            }
        }
        index
    }

    /// Java's `findMatchedCertificate`: among the non-trusted certificates with the key's
    /// `localKeyId`, the first whose `friendlyName` also matches, else the last; without an id
    /// match, the last one with a matching `friendlyName`.
    fn matched_certificate(
        &self,
        index: &Index<'_>,
        key_id: Option<&[u8]>,
        alias: &Alias,
    ) -> Option<usize> {
        let name = alias.as_str().to_lowercase();
        if let Some(ids) = key_id.and_then(|id| index.by_id.get(id)) {
            let full = ids.iter().copied().find(|i| {
                self.certs
                    .get(*i)
                    .and_then(|c| c.friendly_name.as_deref())
                    .is_some_and(|n| n.to_lowercase() == name)
            });
            return full.or_else(|| ids.last().copied());
        }
        index.by_name.get(&name).and_then(|v| v.last().copied())
    }

    fn chain(
        &self,
        index: &Index<'_>,
        key_id: Option<&[u8]>,
        alias: &Alias,
        held: &mut BTreeSet<Vec<u8>>,
    ) -> Result<Vec<CertificateDer>, Error> {
        let mut chain: Vec<&CertRecord> = Vec::new();
        let mut next = self.matched_certificate(index, key_id, alias);
        while let Some(cert) = next.and_then(|i| self.certs.get(i)) {
            if chain.iter().any(|c| c.der == cert.der) {
                break; // loop
            }
            chain.push(cert);
            if chain.len() > usize::try_from(self.limits.max_chain_len).unwrap_or(usize::MAX) {
                return Err(Error::LimitExceeded {
                    what: "certificate chain length",
                    found: u64::try_from(chain.len()).unwrap_or(u64::MAX),
                    limit: u64::from(self.limits.max_chain_len),
                });
            }
            if cert.info.is_self_issued() {
                break;
            }
            let candidates = index
                .by_subject
                .get(cert.info.issuer.as_slice())
                .into_iter()
                .flatten()
                .filter_map(|i| self.certs.get(*i).map(|c| (*i, &c.info)));
            next = certinfo::find_issuer(&cert.info, candidates);
        }
        for c in &chain {
            held.insert(c.der.clone());
        }
        Ok(chain
            .iter()
            .map(|c| CertificateDer::new(c.der.clone()))
            .collect())
    }

    fn finish(self) -> Result<Entries, Error> {
        let index = self.index();
        // Certificates some entry holds (trusted ones, chains).
        let mut held: BTreeSet<Vec<u8>> = self
            .certs
            .iter()
            .filter(|c| c.trusted)
            .map(|c| c.der.clone())
            .collect();
        let mut entries = Entries::new();
        for item in &self.items {
            let (alias, entry) = match item {
                Item::Key {
                    alias,
                    key,
                    key_id,
                    created,
                    extra,
                } => {
                    let chain = self.chain(&index, key_id.as_deref(), alias, &mut held)?;
                    let mut e = PrivateKeyEntry::new(*created, key.clone(), chain);
                    e.extra.clone_from(extra);
                    (alias.clone(), Entry::PrivateKey(e))
                }
                Item::Secret {
                    alias,
                    key,
                    created,
                    extra,
                } => {
                    let mut e = SecretKeyEntry::new(*created, key.clone());
                    e.extra.clone_from(extra);
                    (alias.clone(), Entry::SecretKey(e))
                }
                Item::Trusted {
                    alias,
                    cert,
                    created,
                    extra,
                } => {
                    let der = self
                        .certs
                        .get(*cert)
                        .map(|c| c.der.clone())
                        .unwrap_or_default();
                    let mut e = TrustedCertEntry::new(*created, CertificateDer::new(der));
                    e.extra.clone_from(extra);
                    (alias.clone(), Entry::TrustedCert(e))
                }
            };
            entries.push_raw(alias, entry);
        }
        if entries.len() > usize::try_from(self.limits.max_entries).unwrap_or(usize::MAX) {
            return Err(Error::LimitExceeded {
                what: "entry count",
                found: u64::try_from(entries.len()).unwrap_or(u64::MAX),
                limit: u64::from(self.limits.max_entries),
            });
        }
        // A certificate is kept as an extra bag only if no entry holds the same certificate
        // (duplicates of chain certificates are written again with their chains, so keeping
        // them would grow the file on every save).
        let extra = entries.extra_mut();
        for c in &self.certs {
            if !held.contains(&c.der) {
                extra.push(opaque(&c.bag, c.confidential));
            }
        }
        extra.extend(self.opaque);
        Ok(entries)
    }
}

/// Certificate lookup tables (indexes into `Collector::certs`, in file order).
#[derive(Default)]
struct Index<'c> {
    /// Non-trusted certificates by `localKeyId`.
    by_id: BTreeMap<&'c [u8], Vec<usize>>,
    /// Non-trusted certificates by lower-cased `friendlyName`.
    by_name: BTreeMap<String, Vec<usize>>,
    /// All certificates by subject DER.
    by_subject: BTreeMap<&'c [u8], Vec<usize>>,
}

/// A Java secret bag: `SEQ { pkcs8ShroudedKeyBag OID, [0] EXPLICIT OCTET STRING { EPKI } }`;
/// other secret types are `None`.
fn secret_epki(value: &Tlv<'_>) -> Result<Option<Vec<u8>>, Error> {
    let seq = value.expect(SEQUENCE, "secretBag is not a SEQUENCE")?;
    let mut s = seq.reader();
    let type_id = s
        .expect(asn1::OID, "secretBag without secretTypeId")?
        .oid()?;
    let explicit = s.expect(CONTEXT_0, "secretBag without secretValue")?;
    if type_id != oids::SHROUDED_KEY_BAG {
        return Ok(None);
    }
    let mut e = explicit.reader();
    let os = e.expect(OCTET_STRING, "secretValue is not an OCTET STRING")?;
    // The EncryptedPrivateKeyInfo inside may be BER; keystore-pbe reads DER.
    Ok(Some(ber::normalize(os.content, os.content_offset)?))
}

/// A certBag's X.509 certificate DER and its offset; `None` for other certificate types.
fn x509_cert(value: &Tlv<'_>) -> Result<Option<(Vec<u8>, usize)>, Error> {
    let seq = value.expect(SEQUENCE, "certBag is not a SEQUENCE")?;
    let mut s = seq.reader();
    let cert_id = s.expect(asn1::OID, "certBag without certId")?.oid()?;
    let explicit = s.expect(CONTEXT_0, "certBag without certValue")?;
    s.finish("trailing data in certBag")?;
    if cert_id != oids::X509_CERTIFICATE {
        return Ok(None);
    }
    let mut e = explicit.reader();
    let os = e.expect(OCTET_STRING, "certValue is not an OCTET STRING")?;
    Ok(Some((os.content.to_vec(), os.content_offset)))
}
