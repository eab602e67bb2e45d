//! Entries → bytes, laid out as keytool 17/25 write them (pkcs12.md §2).

use alloc::{collections::BTreeSet, string::ToString, vec::Vec};
use keystore_model::{
    CertificateDer, Entries, Entry, Error, Limits, Opaque, Password, ProtectedKey, ProtectedSecret,
    StoreFormat,
};
use keystore_pbe::{
    HashAlgorithm, Scheme,
    mac::{MacAlgorithm, MacData, PBMAC1_UNUSED_SALT, Pbmac1Params},
    pbes1::{self, Pkcs12PbeCipher},
    pbes2,
};

use crate::{
    Profile, RandomSource, WriteOptions,
    asn1::{self, BMP_STRING, CONTEXT_0, CONTEXT_0_PRIMITIVE, OCTET_STRING, Reader, SEQUENCE, SET},
    oids,
};

/// Salt length Java uses everywhere.
const SALT_LEN: usize = 20;

/// A protection algorithm of a profile.
#[derive(Clone, Copy)]
enum Kind {
    /// PBES2 / PBKDF2-HMAC-SHA256 / AES-256-CBC.
    Pbes2Aes256,
    /// PKCS#12 PBE with this cipher.
    Pkcs12(Pkcs12PbeCipher),
}

#[derive(Clone, Copy)]
enum MacKind {
    Pkcs12(HashAlgorithm),
    Pbmac1,
}

struct Params {
    key: (Kind, u32),
    cert: Option<(Kind, u32)>,
    mac: Option<(MacKind, u32)>,
}

fn params(options: &WriteOptions) -> Result<Params, Error> {
    if options.iterations == Some(0) {
        return Err(Error::ApiMisuse(
            "PKCS#12 iteration counts must be at least 1",
        ));
    }
    let it = |default: u32| options.iterations.unwrap_or(default);
    Ok(match options.profile {
        Profile::Legacy => Params {
            key: (Kind::Pkcs12(Pkcs12PbeCipher::JAVA_LEGACY_KEY), it(50_000)),
            cert: Some((Kind::Pkcs12(Pkcs12PbeCipher::JAVA_LEGACY_CERT), it(50_000))),
            mac: Some((MacKind::Pkcs12(HashAlgorithm::Sha1), it(100_000))),
        },
        Profile::Pbmac1 => Params {
            key: (Kind::Pbes2Aes256, it(10_000)),
            cert: Some((Kind::Pbes2Aes256, it(10_000))),
            mac: Some((MacKind::Pbmac1, it(10_000))),
        },
        Profile::PasswordlessTruststore => Params {
            key: (Kind::Pbes2Aes256, it(10_000)),
            cert: None,
            mac: None,
        },
        // Profile::Jdk and any later profile default to what keytool writes.
        _ => Params {
            key: (Kind::Pbes2Aes256, it(10_000)),
            cert: Some((Kind::Pbes2Aes256, it(10_000))),
            mac: Some((MacKind::Pkcs12(HashAlgorithm::Sha256), it(10_000))),
        },
    })
}

fn random_bytes<const N: usize>(random: &mut RandomSource<'_>) -> Result<[u8; N], Error> {
    let mut buf = [0u8; N];
    random(&mut buf)?;
    Ok(buf)
}

/// A fresh DER `AlgorithmIdentifier` for `kind`.
fn algorithm(
    (kind, iterations): (Kind, u32),
    random: &mut RandomSource<'_>,
) -> Result<Vec<u8>, Error> {
    let salt = random_bytes::<SALT_LEN>(random)?;
    Ok(match kind {
        Kind::Pbes2Aes256 => {
            let iv = random_bytes::<16>(random)?;
            pbes2::Params::new(
                HashAlgorithm::Sha256,
                pbes2::Cipher::Aes256Cbc,
                &salt,
                &iv,
                iterations,
            )
            .map_err(Error::Password)?
            .to_der()
        }
        Kind::Pkcs12(cipher) => pbes1::Params::new(cipher, &salt, iterations).to_der(),
    })
}

/// Encrypts PKCS#8 (or Java's secret-key structure) under the profile's key protection;
/// returns the DER `EncryptedPrivateKeyInfo`.
pub(crate) fn encrypt_key(
    plain: &[u8],
    password: &Password,
    options: &WriteOptions,
    mut random: RandomSource<'_>,
) -> Result<Vec<u8>, Error> {
    let p = params(options)?;
    let alg = algorithm(p.key, &mut random)?;
    keystore_pbe::protect_private_key(plain, &alg, password).map_err(Error::Password)
}

/// Protects PKCS#8 `PrivateKeyInfo` DER for a PKCS#12 store under the key protection of
/// `options.profile` (e.g. for a new key entry, or to convert a JKS key).
///
/// # Errors
/// `Password` for an empty key; `ApiMisuse` for a zero iteration override; errors of `random`.
pub fn protect_private_key(
    pkcs8: &[u8],
    password: &Password,
    options: &WriteOptions,
    random: RandomSource<'_>,
) -> Result<ProtectedKey, Error> {
    Ok(ProtectedKey::from_der(encrypt_key(
        pkcs8, password, options, random,
    )?))
}

/// Whether a stored key protection can be written unchanged under `profile`: any PBES2 Java
/// reads (AES-128/256, HMAC-SHA-1…512) for the PBES2 profiles, Java's legacy key cipher for the
/// legacy one.
fn acceptable(profile: Profile, scheme: &Scheme) -> bool {
    match (profile, scheme) {
        (Profile::Legacy, Scheme::Pkcs12Pbe(p)) => p.cipher == Pkcs12PbeCipher::JAVA_LEGACY_KEY,
        (Profile::Legacy, _) => false,
        (_, Scheme::Pbes2(p)) => {
            matches!(
                p.cipher,
                pbes2::Cipher::Aes128Cbc | pbes2::Cipher::Aes256Cbc
            ) && matches!(
                p.prf,
                HashAlgorithm::Sha1
                    | HashAlgorithm::Sha224
                    | HashAlgorithm::Sha256
                    | HashAlgorithm::Sha384
                    | HashAlgorithm::Sha512
            )
        }
        _ => false,
    }
}

fn key_epki(
    key: &ProtectedKey,
    password: &Password,
    options: &WriteOptions,
    random: RandomSource<'_>,
) -> Result<Vec<u8>, Error> {
    if key.is_encrypted()
        && keystore_pbe::protection_scheme(key.as_der())
            .is_ok_and(|s| acceptable(options.profile, &s))
    {
        return Ok(key.as_der().to_vec());
    }
    let plain = key.decrypt(password, &Limits::DEFAULT)?;
    encrypt_key(plain.as_bytes(), password, options, random)
}

fn secret_epki(
    secret: &ProtectedSecret,
    password: &Password,
    options: &WriteOptions,
    random: RandomSource<'_>,
) -> Result<Vec<u8>, Error> {
    match secret {
        ProtectedSecret::Pkcs12(epki) => {
            if keystore_pbe::protection_scheme(epki).is_ok_and(|s| acceptable(options.profile, &s))
            {
                return Ok(epki.clone());
            }
            let plain =
                keystore_pbe::recover_private_key(epki, password, Limits::DEFAULT.max_iterations)
                    .map_err(Error::from_pbe)?;
            encrypt_key(&plain, password, options, random)
        }
        _ => Err(Error::UnsupportedAlgorithm {
            oid: "JCEKS sealed secret key (re-protect it with protect_secret_key)".to_string(),
        }),
    }
}

/// Java's trusted-key-usage attribute: `{ anyExtendedKeyUsage }`.
pub(crate) fn trusted_attribute() -> Vec<u8> {
    let values = asn1::tlv(SET, &asn1::oid(&oids::ANY_EXTENDED_KEY_USAGE));
    asn1::constructed(SEQUENCE, &[&asn1::oid(&oids::TRUSTED_KEY_USAGE), &values])
}

fn friendly_name_attribute(name: &str) -> Vec<u8> {
    let bmp: Vec<u8> = name.encode_utf16().flat_map(u16::to_be_bytes).collect();
    let values = asn1::tlv(SET, &asn1::tlv(BMP_STRING, &bmp));
    asn1::constructed(SEQUENCE, &[&asn1::oid(&oids::FRIENDLY_NAME), &values])
}

fn local_key_id_attribute(id: &[u8]) -> Vec<u8> {
    let values = asn1::tlv(SET, &asn1::tlv(OCTET_STRING, id));
    asn1::constructed(SEQUENCE, &[&asn1::oid(&oids::LOCAL_KEY_ID), &values])
}

/// An entry's extra attributes, sorted out.
#[derive(Default)]
struct Extras<'a> {
    local_key_id: Option<(&'a [u8], Vec<u8>)>,
    trusted: Option<&'a [u8]>,
    other: Vec<&'a [u8]>,
}

fn unencodable_attribute() -> Error {
    Error::Unencodable("extra PKCS#12 attribute is not one DER Attribute")
}

fn extras(extra: &[Opaque]) -> Result<Extras<'_>, Error> {
    let mut out = Extras::default();
    for item in extra.iter().filter(|x| x.format == StoreFormat::Pkcs12) {
        let mut r = Reader::new(&item.der, 0);
        let attr = r
            .expect(SEQUENCE, "attribute")
            .map_err(|_| unencodable_attribute())?;
        r.finish("attribute").map_err(|_| unencodable_attribute())?;
        let mut a = attr.reader();
        let id = a
            .next()
            .and_then(|t| t.oid())
            .map_err(|_| unencodable_attribute())?;
        let values = a
            .expect(SET, "values")
            .map_err(|_| unencodable_attribute())?;
        a.finish("attribute").map_err(|_| unencodable_attribute())?;
        if id == oids::LOCAL_KEY_ID {
            let value = values
                .reader()
                .expect(OCTET_STRING, "localKeyId")
                .map_err(|_| unencodable_attribute())?;
            out.local_key_id = Some((&item.der, value.content.to_vec()));
        } else if id == oids::TRUSTED_KEY_USAGE {
            out.trusted = Some(&item.der);
        } else if id != oids::FRIENDLY_NAME {
            out.other.push(&item.der);
        }
    }
    Ok(out)
}

/// `SET OF Attribute` in Java's order: friendlyName, localKeyId, trustedKeyUsage, the rest.
fn attribute_set(parts: &[&[u8]], other: &[&[u8]]) -> Option<Vec<u8>> {
    if parts.is_empty() && other.is_empty() {
        return None;
    }
    let all: Vec<&[u8]> = parts.iter().chain(other.iter()).copied().collect();
    Some(asn1::constructed(SET, &all))
}

fn safe_bag(bag_id: &der::asn1::ObjectIdentifier, value: &[u8], attrs: Option<Vec<u8>>) -> Vec<u8> {
    let oid = asn1::oid(bag_id);
    let explicit = asn1::tlv(CONTEXT_0, value);
    match attrs {
        Some(a) => asn1::constructed(SEQUENCE, &[&oid, &explicit, &a]),
        None => asn1::constructed(SEQUENCE, &[&oid, &explicit]),
    }
}

fn cert_bag(cert: &CertificateDer, attrs: Option<Vec<u8>>) -> Vec<u8> {
    let value = asn1::constructed(
        SEQUENCE,
        &[
            &asn1::oid(&oids::X509_CERTIFICATE),
            &asn1::tlv(CONTEXT_0, &asn1::tlv(OCTET_STRING, cert.as_bytes())),
        ],
    );
    safe_bag(&oids::CERT_BAG, &value, attrs)
}

/// The subject in RFC 2253/4514 form, Java's `friendlyName` for chain certificates.
fn subject_name(cert: &CertificateDer) -> Option<alloc::string::String> {
    cert.parse()
        .ok()
        .map(|c| c.tbs_certificate().subject().to_string())
}

/// The `localKeyId` of a key or secret entry: a kept non-`Time` value, else `Time <millis>`
/// from the creation date (or `options.now`), bumped until unique in the file.
fn local_key_id(
    extras: &Extras<'_>,
    created: Option<keystore_model::Timestamp>,
    options: &WriteOptions,
    used: &mut BTreeSet<Vec<u8>>,
) -> Vec<u8> {
    if let Some((raw, id)) = &extras.local_key_id
        && used.insert(id.clone())
    {
        return raw.to_vec();
    }
    let mut millis = created.or(options.now).map_or(0, |t| t.0);
    loop {
        let id = alloc::format!("Time {millis}").into_bytes();
        if used.insert(id.clone()) {
            return local_key_id_attribute(&id);
        }
        millis = millis.wrapping_add(1);
    }
}

fn data_content_info(content: &[u8]) -> Vec<u8> {
    asn1::constructed(
        SEQUENCE,
        &[
            &asn1::oid(&oids::DATA),
            &asn1::tlv(CONTEXT_0, &asn1::tlv(OCTET_STRING, content)),
        ],
    )
}

fn encrypted_content_info(algorithm: &[u8], ciphertext: &[u8]) -> Vec<u8> {
    let eci = asn1::constructed(
        SEQUENCE,
        &[
            &asn1::oid(&oids::DATA),
            algorithm,
            &asn1::tlv(CONTEXT_0_PRIMITIVE, ciphertext),
        ],
    );
    let ed = asn1::constructed(SEQUENCE, &[&asn1::uint(0), &eci]);
    asn1::constructed(
        SEQUENCE,
        &[
            &asn1::oid(&oids::ENCRYPTED_DATA),
            &asn1::tlv(CONTEXT_0, &ed),
        ],
    )
}

fn check_opaque_bag(der: &[u8]) -> Result<(), Error> {
    let mut r = Reader::new(der, 0);
    let ok = r.expect(SEQUENCE, "bag").is_ok() && r.is_empty();
    if ok {
        Ok(())
    } else {
        Err(Error::Unencodable(
            "extra PKCS#12 bag is not one DER SafeBag",
        ))
    }
}

/// Encodes entries as a PKCS#12 file protected as `options.profile` says (keytool's layout:
/// key and secret bags in a `data` safe, then every certificate in one `encryptedData` safe —
/// or a plain `data` safe for [`Profile::PasswordlessTruststore`] — then the MAC).
///
/// * Key entries: a `pkcs8ShroudedKeyBag` with `friendlyName` (the stored alias) and
///   `localKeyId` `Time <millis>` (the creation date, else `options.now`, else 0; bumped by
///   1 ms until unique), then the chain: the first certificate with the same two attributes,
///   the others with their subject DN as `friendlyName`.
/// * Trusted certificates: a certificate bag with `friendlyName` and Java's trusted-key-usage
///   attribute (`anyExtendedKeyUsage`).
/// * Secret keys ([`ProtectedSecret::Pkcs12`]): Java's `secretBag`.
/// * Extra attributes of entries and store-level extra bags ([`Entries::extra`]) read from a
///   PKCS#12 file are written back (confidential bags into the certificate safe).
///
/// Keys (and secret keys) whose protection the profile would not write — JKS/JCE-protected,
/// unprotected (`keyBag`), PBES2 that Java cannot read, or anything but 3DES for
/// [`Profile::Legacy`] — are decrypted with `password` and re-encrypted under the profile, as
/// keytool forces key password = store password for PKCS#12. Other keys are written
/// unchanged, as Java keeps the protection of loaded keys.
///
/// `random` supplies every salt and IV.
///
/// # Security
/// ⚠️ [`Profile::Legacy`] uses RC2-40, 3DES and SHA-1; [`Profile::PasswordlessTruststore`]
/// leaves certificates unprotected and unauthenticated.
///
/// # Errors
/// `KeyDecryptionFailed` (or `LimitExceeded`, `UnsupportedAlgorithm`) when a key that must be
/// re-encrypted does not decrypt with `password`; `UnsupportedAlgorithm` for a JCEKS-sealed
/// secret key (convert it with [`crate::protect_secret_key`] first); `Unencodable` for extra
/// items that are not one DER `Attribute`/`SafeBag`; `ApiMisuse` for a zero iteration
/// override; errors of `random`.
pub fn encode(
    entries: &Entries,
    options: &WriteOptions,
    password: &Password,
    mut random: RandomSource<'_>,
) -> Result<Vec<u8>, Error> {
    let p = params(options)?;
    let mut key_bags: Vec<Vec<u8>> = Vec::new();
    let mut cert_bags: Vec<Vec<u8>> = Vec::new();
    let mut used_ids: BTreeSet<Vec<u8>> = BTreeSet::new();
    let fname = |alias: &str| friendly_name_attribute(alias);

    for (alias, entry) in entries {
        match entry {
            Entry::PrivateKey(e) => {
                let x = extras(&e.extra)?;
                let epki = key_epki(&e.key, password, options, &mut random)?;
                let id = local_key_id(&x, e.created, options, &mut used_ids);
                let name = fname(alias.as_str());
                let attrs = attribute_set(&[&name, &id], &x.other);
                key_bags.push(safe_bag(&oids::SHROUDED_KEY_BAG, &epki, attrs.clone()));
                for (i, cert) in e.chain.iter().enumerate() {
                    let attrs = if i == 0 {
                        attrs.clone()
                    } else {
                        let subject = subject_name(cert).map(|s| fname(&s));
                        let parts: Vec<&[u8]> = subject.iter().map(Vec::as_slice).collect();
                        attribute_set(&parts, &x.other)
                    };
                    cert_bags.push(cert_bag(cert, attrs));
                }
            }
            Entry::TrustedCert(e) => {
                let x = extras(&e.extra)?;
                let name = fname(alias.as_str());
                let standard = trusted_attribute();
                let trusted = x.trusted.unwrap_or(&standard);
                let mut parts: Vec<&[u8]> = alloc::vec![&name];
                if let Some((raw, _)) = &x.local_key_id {
                    parts.push(raw);
                }
                parts.push(trusted);
                cert_bags.push(cert_bag(&e.cert, attribute_set(&parts, &x.other)));
            }
            Entry::SecretKey(e) => {
                let x = extras(&e.extra)?;
                let epki = secret_epki(&e.key, password, options, &mut random)?;
                let id = local_key_id(&x, e.created, options, &mut used_ids);
                let name = fname(alias.as_str());
                let value = asn1::constructed(
                    SEQUENCE,
                    &[
                        &asn1::oid(&oids::SHROUDED_KEY_BAG),
                        &asn1::tlv(CONTEXT_0, &asn1::tlv(OCTET_STRING, &epki)),
                    ],
                );
                key_bags.push(safe_bag(
                    &oids::SECRET_BAG,
                    &value,
                    attribute_set(&[&name, &id], &x.other),
                ));
            }
            _ => {
                return Err(Error::EntryNotSupported {
                    format: StoreFormat::Pkcs12,
                    kind: entry.kind(),
                });
            }
        }
    }
    for item in entries
        .extra()
        .iter()
        .filter(|x| x.format == StoreFormat::Pkcs12)
    {
        check_opaque_bag(&item.der)?;
        if item.confidential {
            cert_bags.push(item.der.clone());
        } else {
            key_bags.push(item.der.clone());
        }
    }

    let mut safes: Vec<Vec<u8>> = Vec::new();
    if !key_bags.is_empty() {
        let refs: Vec<&[u8]> = key_bags.iter().map(Vec::as_slice).collect();
        safes.push(data_content_info(&asn1::constructed(SEQUENCE, &refs)));
    }
    if !cert_bags.is_empty() {
        let refs: Vec<&[u8]> = cert_bags.iter().map(Vec::as_slice).collect();
        let contents = asn1::constructed(SEQUENCE, &refs);
        safes.push(match p.cert {
            Some(kind) => {
                let alg = algorithm(kind, &mut random)?;
                let ciphertext =
                    keystore_pbe::encrypt(&alg, &contents, password).map_err(Error::Password)?;
                encrypted_content_info(&alg, &ciphertext)
            }
            None => data_content_info(&contents),
        });
    }
    let refs: Vec<&[u8]> = safes.iter().map(Vec::as_slice).collect();
    let auth_safe = asn1::constructed(SEQUENCE, &refs);

    let mac = match p.mac {
        None => None,
        Some((MacKind::Pkcs12(hash), iterations)) => {
            let salt = random_bytes::<SALT_LEN>(&mut random)?;
            Some(
                MacData::compute(
                    MacAlgorithm::Pkcs12(hash),
                    &salt,
                    iterations,
                    &auth_safe,
                    password,
                )
                .map_err(Error::Password)?
                .to_der(),
            )
        }
        Some((MacKind::Pbmac1, iterations)) => {
            let salt = random_bytes::<SALT_LEN>(&mut random)?;
            let alg =
                MacAlgorithm::Pbmac1(Pbmac1Params::new(HashAlgorithm::Sha256, &salt, iterations));
            Some(
                MacData::compute(alg, PBMAC1_UNUSED_SALT, 1, &auth_safe, password)
                    .map_err(Error::Password)?
                    .to_der(),
            )
        }
    };

    let version = asn1::uint(3);
    let auth = data_content_info(&auth_safe);
    Ok(match mac {
        Some(m) => asn1::constructed(SEQUENCE, &[&version, &auth, &m]),
        None => asn1::constructed(SEQUENCE, &[&version, &auth]),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use hex_literal::hex;

    #[test]
    fn attribute_encodings() {
        // pkcs12.md §2.2 (friendlyName `k`).
        assert_eq!(
            friendly_name_attribute("k"),
            hex!("3011 06092a864886f70d010914 3104 1e02006b")
        );
        assert_eq!(
            local_key_id_attribute(b"Time 1"),
            hex!("3015 06092a864886f70d010915 3108 0406 54696d652031")
        );
        // 2.16.840.1.113894.746875.1.1 = { 2.5.29.37.0 }.
        assert_eq!(
            trusted_attribute(),
            hex!("3016 060c6086480186f966adca7b0101 3106 0604551d2500")
        );
        // Supplementary characters are written as surrogate pairs, as Java does.
        assert_eq!(
            friendly_name_attribute("\u{1F5DD}"),
            hex!("3013 06092a864886f70d010914 3106 1e04d83ddddd")
        );
    }
}
