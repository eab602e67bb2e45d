//! Java's PKCS#12 secret-key entries (pkcs12.md §2.2): a `secretBag` of type
//! `pkcs8ShroudedKeyBag` holding an `EncryptedPrivateKeyInfo` whose plaintext is
//!
//! ```text
//! SEQUENCE { INTEGER 0, AlgorithmIdentifier { key-algorithm OID [, NULL] }, OCTET STRING rawKey }
//! ```
//!
//! JDK 17 writes NULL parameters, JDK 25 none; both are read. This crate writes none.

use alloc::{string::ToString, vec::Vec};
use der::asn1::ObjectIdentifier;
use keystore_model::{Error, Limits, Password, ProtectedSecret, SecretKey};
use zeroize::Zeroizing;

use crate::{
    RandomSource, WriteOptions,
    asn1::{self, INTEGER, OCTET_STRING, Reader, SEQUENCE},
    encode,
};

/// Java algorithm names and the OIDs Java's `AlgorithmId` gives them.
const ALGORITHMS: &[(&str, &str)] = &[
    ("AES", "2.16.840.1.101.3.4.1"),
    ("HmacSHA1", "1.2.840.113549.2.7"),
    ("HmacSHA224", "1.2.840.113549.2.8"),
    ("HmacSHA256", "1.2.840.113549.2.9"),
    ("HmacSHA384", "1.2.840.113549.2.10"),
    ("HmacSHA512", "1.2.840.113549.2.11"),
    ("HmacSHA512/224", "1.2.840.113549.2.12"),
    ("HmacSHA512/256", "1.2.840.113549.2.13"),
    ("DESede", "1.3.14.3.2.17"),
    ("DES", "1.3.14.3.2.7"),
    ("RC2", "1.2.840.113549.3.2"),
    ("PBEWithMD5AndDES", "1.2.840.113549.1.5.3"),
    ("PBEWithSHA1AndRC4_128", "1.2.840.113549.1.12.1.1"),
    ("PBEWithSHA1AndRC4_40", "1.2.840.113549.1.12.1.2"),
    ("PBEWithSHA1AndDESede", "1.2.840.113549.1.12.1.3"),
    ("PBEWithSHA1AndRC2_128", "1.2.840.113549.1.12.1.5"),
    ("PBEWithSHA1AndRC2_40", "1.2.840.113549.1.12.1.6"),
];

/// The Java name for a key-algorithm OID (the dotted OID when Java has no name for it).
fn name_of(oid: &ObjectIdentifier) -> alloc::string::String {
    let dotted = oid.to_string();
    ALGORITHMS
        .iter()
        .find(|(_, o)| *o == dotted)
        .map_or(dotted.clone(), |(n, _)| (*n).to_string())
}

/// The OID for a Java algorithm name (case-insensitive), or a dotted OID given as the name.
fn oid_of(name: &str) -> Result<ObjectIdentifier, Error> {
    if let Some((_, oid)) = ALGORITHMS
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
    {
        return ObjectIdentifier::new(oid).map_err(|_| Error::ApiMisuse("bad OID table"));
    }
    ObjectIdentifier::new(name).map_err(|_| Error::UnsupportedAlgorithm {
        oid: name.to_string(),
    })
}

/// Decrypts a PKCS#12 secret key ([`ProtectedSecret::Pkcs12`]) with the key password.
///
/// # Errors
/// [`Error::KeyDecryptionFailed`] for a wrong password or a corrupt entry (never says which),
/// [`Error::UnsupportedAlgorithm`] for an unknown protection scheme, [`Error::LimitExceeded`]
/// for an iteration count above `limits`.
pub fn decrypt_secret_key(
    protected: &[u8],
    password: &Password,
    limits: &Limits,
) -> Result<SecretKey, Error> {
    let plain = keystore_pbe::recover_private_key(protected, password, limits.max_iterations)
        .map_err(Error::from_pbe)?;
    parse_secret_key_info(&plain).map_err(|_| Error::KeyDecryptionFailed)
}

fn parse_secret_key_info(plain: &[u8]) -> Result<SecretKey, Error> {
    let mut top = Reader::new(plain, 0);
    let seq = top.expect(SEQUENCE, "secret key info")?;
    let mut r = seq.reader();
    r.expect(INTEGER, "version")?;
    let alg = r.expect(SEQUENCE, "algorithm")?;
    let oid = alg.reader().next()?.oid()?;
    let key = r.expect(OCTET_STRING, "key")?;
    Ok(SecretKey::new(
        name_of(&oid),
        Zeroizing::new(key.content.to_vec()),
    ))
}

/// The PKCS#8-shaped plaintext Java encrypts for a secret key.
fn secret_key_info(key: &SecretKey) -> Result<Zeroizing<Vec<u8>>, Error> {
    let oid = oid_of(key.algorithm())?;
    let alg = asn1::constructed(SEQUENCE, &[&asn1::oid(&oid)]);
    let value = Zeroizing::new(asn1::tlv(OCTET_STRING, key.secret_bytes()));
    Ok(Zeroizing::new(asn1::constructed(
        SEQUENCE,
        &[&asn1::uint(0), &alg, &value],
    )))
}

/// Protects a secret key the way Java's PKCS#12 `KeyStore` does, under the key protection of
/// `options.profile` (e.g. to convert a JCEKS secret key).
///
/// # Errors
/// [`Error::UnsupportedAlgorithm`] for an algorithm name Java cannot map to an OID (a dotted
/// OID is accepted as the name); errors of `random`.
pub fn protect_secret_key(
    key: &SecretKey,
    password: &Password,
    options: &WriteOptions,
    random: RandomSource<'_>,
) -> Result<ProtectedSecret, Error> {
    let plain = secret_key_info(key)?;
    Ok(ProtectedSecret::Pkcs12(encode::encrypt_key(
        &plain, password, options, random,
    )?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use hex_literal::hex;

    #[test]
    fn names_map_both_ways() {
        for (name, oid) in ALGORITHMS {
            let parsed = oid_of(name).unwrap();
            assert_eq!(parsed.to_string(), *oid);
            assert_eq!(name_of(&parsed), *name);
        }
        assert_eq!(
            oid_of("hmacsha256").unwrap().to_string(),
            "1.2.840.113549.2.9"
        );
        assert_eq!(name_of(&oid_of("1.2.3.4").unwrap()), "1.2.3.4");
        assert!(matches!(
            oid_of("Blowfish"),
            Err(Error::UnsupportedAlgorithm { .. })
        ));
    }

    #[test]
    fn jdk17_and_jdk25_plaintexts() {
        // pkcs12.md §2.6, AES: JDK 17 `300c 0608608648016503040105 00`, JDK 25 `300a 06…`.
        let k17 = hex!("3018 020100 300c06086086480165030401 0500 0405 0102030405");
        assert_eq!(
            parse_secret_key_info(&k17).unwrap().secret_bytes(),
            [1, 2, 3, 4, 5]
        );
        let k25 = hex!("3016 020100 300a06086086480165030401 0405 0102030405");
        assert_eq!(parse_secret_key_info(&k25).unwrap().algorithm(), "AES");
        for params in [&[0x05u8, 0x00][..], &[][..]] {
            let mut alg = asn1::oid(&ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.1"));
            alg.extend_from_slice(params);
            let alg = asn1::tlv(SEQUENCE, &alg);
            let der = asn1::constructed(
                SEQUENCE,
                &[&asn1::uint(0), &alg, &asn1::tlv(OCTET_STRING, &[7; 16])],
            );
            let key = parse_secret_key_info(&der).unwrap();
            assert_eq!(key.algorithm(), "AES");
            assert_eq!(key.secret_bytes(), &[7; 16]);
        }
        let key = SecretKey::new("HmacSHA256", Zeroizing::new(alloc::vec![1, 2, 3]));
        let der = secret_key_info(&key).unwrap();
        assert_eq!(parse_secret_key_info(&der).unwrap(), key);
    }
}
