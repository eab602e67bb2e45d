//! Round trips model → bytes → model for JKS and JCEKS with arbitrary aliases (non-ASCII, NUL,
//! non-BMP), chains, timestamps and passwords; plus alias-length limits.

#![allow(clippy::unwrap_used, clippy::unwrap_in_result, reason = "tests")]

use keystore_jks::{decode, encode, sealed};
use keystore_model::{
    Alias, CertificateDer, Entries, Entry, Error, Limits, Password, PrivateKeyEntry, ProtectedKey,
    ProtectedSecret, SecretKey, SecretKeyEntry, StoreFormat, Timestamp, TrustedCertEntry,
};
use keystore_pbe::{jce, jks};
use proptest::prelude::*;
use zeroize::Zeroizing;

/// Aliases: anything, biased towards the interesting characters.
fn alias() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[a-z0-9\\-]{0,12}",
        proptest::collection::vec(
            prop_oneof![
                Just('\0'),
                Just('é'),
                Just('鍵'),
                Just('🗝'),
                Just('\u{10ffff}'),
                any::<char>()
            ],
            0..8
        )
        .prop_map(|cs| cs.into_iter().collect()),
    ]
}

fn cert() -> impl Strategy<Value = CertificateDer> {
    proptest::collection::vec(any::<u8>(), 0..80).prop_map(CertificateDer::new)
}

#[derive(Clone, Debug)]
enum Spec {
    Trusted(CertificateDer),
    /// PKCS#8 stand-in, JKS (true) or JCE protection, salt byte, chain.
    Key(Vec<u8>, bool, u8, Vec<CertificateDer>),
    /// Algorithm, key bytes, salt byte.
    Secret(&'static str, Vec<u8>, u8),
}

fn spec(jceks: bool) -> BoxedStrategy<Spec> {
    let trusted = cert().prop_map(Spec::Trusted);
    // A DER SEQUENCE stand-in for PKCS#8 (recovery checks the plaintext is one).
    let pkcs8 = proptest::collection::vec(any::<u8>(), 0..100).prop_map(|body| {
        let mut der = vec![0x30, u8::try_from(body.len()).unwrap()];
        der.extend_from_slice(&body);
        der
    });
    let key = (
        pkcs8,
        any::<bool>(),
        any::<u8>(),
        proptest::collection::vec(cert(), 0..4),
    )
        .prop_map(move |(k, use_jks, salt, chain)| Spec::Key(k, use_jks || !jceks, salt, chain));
    if jceks {
        let secret = (
            prop_oneof![
                Just("AES"),
                Just("DESede"),
                Just("HmacSHA256"),
                Just("PBEWithMD5AndDES"),
                Just("Blowfish")
            ],
            proptest::collection::vec(any::<u8>(), 0..48),
            any::<u8>(),
        )
            .prop_map(|(a, k, s)| Spec::Secret(a, k, s));
        prop_oneof![trusted, key, secret].boxed()
    } else {
        prop_oneof![trusted, key].boxed()
    }
}

fn salt8(b: u8) -> [u8; 8] {
    // Never weak: the halves differ in their last byte.
    [b, 1, 2, 3, b, 1, 2, 4]
}

fn build(specs: &[(String, i64, Spec)], key_pw: &Password) -> Entries {
    let mut entries = Entries::new();
    for (alias, created, spec) in specs {
        let created = Some(Timestamp(*created));
        let entry = match spec {
            Spec::Trusted(c) => Entry::TrustedCert(TrustedCertEntry::new(created, c.clone())),
            Spec::Key(pkcs8, use_jks, salt, chain) => {
                let der = if *use_jks {
                    jks::protect_key(pkcs8, key_pw, &[*salt; 20]).unwrap()
                } else {
                    jce::protect_key(pkcs8, key_pw, &salt8(*salt), 1).unwrap()
                };
                Entry::PrivateKey(PrivateKeyEntry::new(
                    created,
                    ProtectedKey::from_der(der),
                    chain.clone(),
                ))
            }
            Spec::Secret(alg, key, salt) => {
                let key = SecretKey::new(*alg, Zeroizing::new(key.clone()));
                let sealed = sealed::seal(&key, key_pw, &salt8(*salt), 1).unwrap();
                Entry::SecretKey(SecretKeyEntry::new(
                    created,
                    ProtectedSecret::JceSealed(sealed),
                ))
            }
        };
        // Raw push: duplicates and non-folded aliases are kept as they are.
        entries.push_raw(Alias::new(alias.clone()), entry);
    }
    entries
}

fn round_trip(
    format: StoreFormat,
    version: u32,
    specs: &[(String, i64, Spec)],
    password: &str,
) -> Result<(), TestCaseError> {
    let store_pw = Password::new(password);
    let key_pw = Password::new("key-pw");
    let entries = build(specs, &key_pw);
    let bytes = encode(&entries, format, version, &store_pw).unwrap();
    let decoded = decode(&bytes, Some(&store_pw), &Limits::DEFAULT).unwrap();
    prop_assert_eq!(decoded.format, format);
    prop_assert_eq!(decoded.version, version);
    prop_assert_eq!(&decoded.entries, &entries);
    // Stable: encoding the decoded entries gives the same bytes.
    let again = encode(&decoded.entries, format, version, &store_pw).unwrap();
    prop_assert!(again == bytes, "re-encoding differs");
    // The keys and secrets still open.
    for ((_, entry), (_, _, spec)) in decoded.entries.iter().zip(specs) {
        match (entry, spec) {
            (Entry::PrivateKey(k), Spec::Key(pkcs8, ..)) => {
                let plain = k.key.decrypt(&key_pw, &Limits::DEFAULT).unwrap();
                prop_assert_eq!(plain.as_bytes(), &pkcs8[..]);
            }
            (Entry::SecretKey(s), Spec::Secret(alg, key, _)) => {
                let ProtectedSecret::JceSealed(stream) = &s.key else {
                    panic!()
                };
                let got = sealed::unseal(stream, &key_pw, &Limits::DEFAULT).unwrap();
                prop_assert_eq!(got.algorithm(), *alg);
                prop_assert_eq!(got.secret_bytes(), &key[..]);
            }
            _ => {}
        }
    }
    // A wrong password never verifies.
    prop_assert_eq!(
        decode(
            &bytes,
            Some(&Password::new(format!("{password}x"))),
            &Limits::DEFAULT
        )
        .unwrap_err(),
        Error::IntegrityCheckFailed
    );
    Ok(())
}

fn entry_list(jceks: bool) -> impl Strategy<Value = Vec<(String, i64, Spec)>> {
    proptest::collection::vec((alias(), any::<i64>(), spec(jceks)), 0..6)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn jks_round_trip(specs in entry_list(false), version in 1u32..=2, password in any::<String>()) {
        round_trip(StoreFormat::Jks, version, &specs, &password)?;
    }

    #[test]
    fn jceks_round_trip(specs in entry_list(true), version in 1u32..=2, password in any::<String>()) {
        round_trip(StoreFormat::Jceks, version, &specs, &password)?;
    }

    /// Decoding arbitrary mutations of a valid file never panics.
    #[test]
    fn mutated_files_never_panic(at in any::<prop::sample::Index>(), byte in any::<u8>(), cut in any::<prop::sample::Index>()) {
        let file = include_bytes!("data/vec.jceks");
        let mut bytes = file.to_vec();
        let i = at.index(bytes.len());
        bytes[i] = byte;
        bytes.truncate(cut.index(bytes.len() + 1));
        let _ = decode(&bytes, None, &Limits::DEFAULT);
        let _ = decode(&bytes, Some(&Password::new("storepw1")), &Limits::DEFAULT);
    }
}

#[test]
fn missing_date_is_written_as_zero() {
    let pw = Password::new("pw");
    let mut entries = Entries::new();
    entries.push_raw(
        Alias::new("c"),
        Entry::TrustedCert(TrustedCertEntry::new(
            None,
            CertificateDer::new(vec![0x30, 0]),
        )),
    );
    let bytes = encode(&entries, StoreFormat::Jks, 2, &pw).unwrap();
    let decoded = decode(&bytes, Some(&pw), &Limits::DEFAULT).unwrap();
    assert_eq!(
        decoded.entries.iter().next().unwrap().1.created(),
        Some(Timestamp(0))
    );
}

#[test]
fn alias_length_limit() {
    let pw = Password::new("pw");
    let store = |alias: String| {
        let mut entries = Entries::new();
        entries.push_raw(
            Alias::new(alias),
            Entry::TrustedCert(TrustedCertEntry::new(
                Some(Timestamp(1)),
                CertificateDer::new(vec![1]),
            )),
        );
        (encode(&entries, StoreFormat::Jks, 2, &pw), entries)
    };
    // 65535 bytes: stored; 65536: refused, as Java's writeUTF refuses it.
    for alias in [
        "a".repeat(65_535),
        "鍵".repeat(21_845),
        "\0".repeat(32_767) + "a",
        "🗝".repeat(10_922) + "abc",
    ] {
        let (bytes, entries) = store(alias);
        let bytes = bytes.unwrap();
        assert_eq!(bytes[16..18], [0xff, 0xff]);
        assert_eq!(
            decode(&bytes, Some(&pw), &Limits::DEFAULT).unwrap().entries,
            entries
        );
    }
    for alias in [
        "a".repeat(65_536),
        "鍵".repeat(21_845) + "a",
        "\0".repeat(32_768),
        "🗝".repeat(10_923),
    ] {
        assert!(matches!(store(alias).0, Err(Error::Unencodable(_))));
    }
}

#[test]
fn duplicates_and_raw_aliases_are_kept() {
    let pw = Password::new("pw");
    let mut entries = Entries::new();
    for (alias, date) in [("MyKey", 1), ("mykey", 2), ("MyKey", 3)] {
        entries.push_raw(
            Alias::new(alias),
            Entry::TrustedCert(TrustedCertEntry::new(
                Some(Timestamp(date)),
                CertificateDer::new(vec![date.try_into().unwrap()]),
            )),
        );
    }
    let bytes = encode(&entries, StoreFormat::Jceks, 2, &pw).unwrap();
    let decoded = decode(&bytes, Some(&pw), &Limits::DEFAULT).unwrap();
    assert_eq!(decoded.entries, entries);
    assert_eq!(decoded.entries.len(), 3);
}

#[test]
fn encode_rejects_what_java_cannot_read() {
    let pw = Password::new("pw");
    let mut entries = Entries::new();
    entries.push_raw(
        Alias::new("k"),
        Entry::PrivateKey(PrivateKeyEntry::new(
            None,
            ProtectedKey::from_der(vec![1, 2, 3]),
            vec![],
        )),
    );
    assert!(matches!(
        encode(&entries, StoreFormat::Jceks, 2, &pw),
        Err(Error::Unencodable(_))
    ));

    // A PBES2-protected key (as from PKCS#12) fits neither format.
    let pbes2 = hex_literal::hex!("3011300b06092a864886f70d01050d04020000").to_vec();
    let mut entries = Entries::new();
    entries.push_raw(
        Alias::new("k"),
        Entry::PrivateKey(PrivateKeyEntry::new(
            None,
            ProtectedKey::from_der(pbes2),
            vec![],
        )),
    );
    for format in [StoreFormat::Jks, StoreFormat::Jceks] {
        assert_eq!(
            encode(&entries, format, 2, &pw).unwrap_err(),
            Error::UnsupportedAlgorithm {
                oid: "1.2.840.113549.1.5.13".into()
            }
        );
    }

    let mut entries = Entries::new();
    entries.push_raw(
        Alias::new("s"),
        Entry::SecretKey(SecretKeyEntry::new(
            None,
            ProtectedSecret::JceSealed(vec![0xac, 0xed, 0, 5]),
        )),
    );
    assert!(matches!(
        encode(&entries, StoreFormat::Jceks, 2, &pw),
        Err(Error::Unencodable(_))
    ));
    assert!(matches!(
        encode(&entries, StoreFormat::Jks, 2, &pw),
        Err(Error::EntryNotSupported { .. })
    ));
    assert!(matches!(
        encode(&Entries::new(), StoreFormat::Pkcs12, 2, &pw),
        Err(Error::ApiMisuse(_))
    ));
}
