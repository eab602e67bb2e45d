//! Real keytool files copied into `tests/data/` (see its README.md), decoded against the
//! values the fixture manifest records, plus truncation and mutation tests.

#![allow(clippy::unwrap_used, reason = "tests")]

#[path = "util/helpers.rs"]
mod helpers;

use helpers::{aliases, assert_round_trip, decode, entry, hex_upper, sha256_hex};
use keystore_jks::sealed;
use keystore_model::{
    Entry, EntryKind, Error, Limits, Malformed, Password, ProtectedSecret, StoreFormat, Timestamp,
};

const K17_UNICODE_JKS: &[u8] = include_bytes!("data/k17-unicode-alias.jks");
const K17_UNICODE_JCEKS: &[u8] = include_bytes!("data/k17-unicode-alias.jceks");
const K25_SECRET_JCEKS: &[u8] = include_bytes!("data/k25-secret.jceks");
const K25_NONASCII_KEYPASS_JCEKS: &[u8] = include_bytes!("data/k25-nonascii-keypass.jceks");
const VEC_JCEKS: &[u8] = include_bytes!("data/vec.jceks");
const WORKED_EXAMPLE: &[u8] = include_bytes!("data/worked-example.jks");

const STORE_PW: &str = "changeit-A";
const ROOT_CA_SHA256: &str = "48D30763F48EF1AF2F868042D481355141A3FDB658CABCABEEC126C2CAC90504";

fn limits() -> Limits {
    Limits::DEFAULT
}

/// Checks a key entry: date, chain fingerprints and the SHA-256 of the decrypted PKCS#8.
fn check_key(e: &Entry, created: i64, key_password: &str, pkcs8_sha256: &str, chain: &[&str]) {
    let Entry::PrivateKey(k) = e else {
        panic!("not a key entry: {e:?}")
    };
    assert_eq!(k.created, Some(Timestamp(created)));
    let fingerprints: Vec<String> = k.chain.iter().map(|c| sha256_hex(c.as_bytes())).collect();
    assert_eq!(fingerprints, chain);
    let pkcs8 = k
        .key
        .decrypt(&Password::new(key_password), &limits())
        .expect("decrypt");
    assert_eq!(sha256_hex(pkcs8.as_bytes()), pkcs8_sha256);
    assert_eq!(
        k.key
            .decrypt(&Password::new("not the password"), &limits())
            .unwrap_err(),
        Error::KeyDecryptionFailed
    );
}

fn check_trusted(e: &Entry, created: i64, sha256: &str) {
    let Entry::TrustedCert(t) = e else {
        panic!("not a trusted cert: {e:?}")
    };
    assert_eq!(t.created, Some(Timestamp(created)));
    assert_eq!(sha256_hex(t.cert.as_bytes()), sha256);
    assert!(t.cert.parse().is_ok());
}

fn check_secret(e: &Entry, created: i64, key_password: &str, algorithm: &str, hex: &str) {
    let Entry::SecretKey(s) = e else {
        panic!("not a secret key: {e:?}")
    };
    assert_eq!(s.created, Some(Timestamp(created)));
    let ProtectedSecret::JceSealed(stream) = &s.key else {
        panic!("not sealed")
    };
    let key = sealed::unseal(stream, &Password::new(key_password), &limits()).expect("unseal");
    assert_eq!(key.algorithm(), algorithm);
    assert_eq!(hex_upper(key.secret_bytes()), hex);
}

#[test]
fn k17_unicode_alias_jks() {
    let d = assert_round_trip(K17_UNICODE_JKS, STORE_PW);
    assert_eq!((d.format, d.version), (StoreFormat::Jks, 2));
    assert_eq!(aliases(&d.entries), ["сертификат-✓", "zürich-ключ-鍵-🗝"]);
    check_trusted(
        entry(&d.entries, "сертификат-✓"),
        1_795_333_212_402,
        ROOT_CA_SHA256,
    );
    check_key(
        entry(&d.entries, "zürich-ключ-鍵-🗝"),
        1_795_333_211_709,
        STORE_PW,
        "3DCCD2ABC95D8963E7850A475B18CC57FC69221B061B829053A73BBBFF1B15EC",
        &["DB5078875A2C15F6D4CE93CD4200D7812F55146C16654141F3F1986541F8F07D"],
    );
}

#[test]
fn k17_unicode_alias_jceks() {
    let d = assert_round_trip(K17_UNICODE_JCEKS, STORE_PW);
    assert_eq!((d.format, d.version), (StoreFormat::Jceks, 2));
    assert_eq!(aliases(&d.entries), ["сертификат-✓", "zürich-ключ-鍵-🗝"]);
    check_trusted(
        entry(&d.entries, "сертификат-✓"),
        1_795_333_228_085,
        ROOT_CA_SHA256,
    );
    check_key(
        entry(&d.entries, "zürich-ключ-鍵-🗝"),
        1_795_333_227_312,
        STORE_PW,
        "77E9E85DE36286EE7D719750AD9F51ED7D342F7ACD5C974D93810E47816F580F",
        &["2A05B7C44542F33EDC92CC3F98C2AF4110490464C324418F97ED39019D17FB6F"],
    );
}

#[test]
fn k25_secret_jceks() {
    let d = assert_round_trip(K25_SECRET_JCEKS, STORE_PW);
    assert_eq!(d.format, StoreFormat::Jceks);
    assert_eq!(
        aliases(&d.entries),
        ["des3", "aes128", "hmacsha256key", "aes-256"]
    );
    check_secret(
        entry(&d.entries, "aes128"),
        1_795_333_406_537,
        STORE_PW,
        "AES",
        "6D64F723A5A5270DB7D0843F20E2846A",
    );
    check_secret(
        entry(&d.entries, "des3"),
        1_795_333_410_099,
        STORE_PW,
        "DESede",
        "83CE865743F8F773C1A1D331E670BA85E5FDE938CD762A92",
    );
    check_secret(
        entry(&d.entries, "hmacsha256key"),
        1_795_333_409_054,
        STORE_PW,
        "HmacSHA256",
        "4973B1FF97F42149BDCE3884417AB2C8B630DE22E0A440B04192A7D58486BB7A",
    );
    check_secret(
        entry(&d.entries, "aes-256"),
        1_795_333_407_752,
        STORE_PW,
        "AES",
        "B0110184A2953FAF08ED278A2A8391ACA4352EC938F4C510F3273556BC171EED",
    );
    let Entry::SecretKey(s) = entry(&d.entries, "aes128") else {
        panic!()
    };
    let ProtectedSecret::JceSealed(stream) = &s.key else {
        panic!()
    };
    assert_eq!(
        sealed::unseal(stream, &Password::new("wrong-pass"), &limits()).unwrap_err(),
        Error::KeyDecryptionFailed
    );
}

#[test]
fn k25_nonascii_keypass_jceks() {
    // JDK 25 encodes the non-ASCII key password as UTF-8.
    let d = assert_round_trip(K25_NONASCII_KEYPASS_JCEKS, STORE_PW);
    assert_eq!(aliases(&d.entries), ["nonascii-key"]);
    check_key(
        entry(&d.entries, "nonascii-key"),
        1_795_333_427_190,
        "pässwörd-Ä€",
        "D5235F1CBECBBEC165B727906F437152554F8AF3BACA264946B1076FA474FADB",
        &["4A14E9C3B53BCFE032F043805E0751B2CEFDBCB6D07D772CA6C7B35A20A5853D"],
    );
}

#[test]
fn wrong_store_password() {
    for file in [K17_UNICODE_JKS, K17_UNICODE_JCEKS, K25_SECRET_JCEKS] {
        assert_eq!(
            decode(file, Some("changeit-B")).unwrap_err(),
            Error::IntegrityCheckFailed
        );
        // Unverified mode reads the same entries.
        assert_eq!(
            decode(file, None).unwrap().entries,
            decode(file, Some(STORE_PW)).unwrap().entries
        );
    }
}

/// Offset where the body (everything the digest covers) ends.
fn body_len(file: &[u8]) -> usize {
    file.len() - 20
}

#[test]
fn truncation_at_every_offset() {
    for (file, pw) in [
        (WORKED_EXAMPLE, "changeit"),
        (VEC_JCEKS, "storepw1"),
        (K25_SECRET_JCEKS, STORE_PW),
        (K17_UNICODE_JKS, STORE_PW),
    ] {
        let body = body_len(file);
        for n in 0..file.len() {
            let cut = &file[..n];
            let err = decode(cut, Some(pw)).expect_err("truncated file must not decode");
            assert!(
                matches!(
                    err,
                    Error::Malformed {
                        what: Malformed::Truncated | Malformed::LengthOverrun { .. },
                        ..
                    }
                ),
                "cut at {n}: {err:?}"
            );
            // Without a password the digest is not needed.
            assert_eq!(
                decode(cut, None).is_ok(),
                n >= body,
                "unverified, cut at {n}"
            );
        }
    }
}

/// Copies `file`, applies `mutate`, and recomputes the digest with `pw`.
fn mutated(file: &[u8], pw: &str, mutate: impl FnOnce(&mut Vec<u8>)) -> Vec<u8> {
    let mut body = file[..body_len(file)].to_vec();
    mutate(&mut body);
    let digest = keystore_pbe::jks::store_digest(&Password::new(pw), &body);
    body.extend_from_slice(&digest);
    body
}

fn malformed_at(result: Result<keystore_jks::Decoded, Error>) -> (usize, Malformed) {
    match result {
        Err(Error::Malformed { offset, what, .. }) => (offset, what),
        other => panic!("expected Malformed, got {other:?}"),
    }
}

#[test]
fn mutations_of_the_worked_example() {
    let pw = "changeit";
    let check = |mutate: fn(&mut Vec<u8>)| decode(&mutated(WORKED_EXAMPLE, pw, mutate), Some(pw));

    assert_eq!(
        malformed_at(check(|b| b[3] = 0xce)),
        (0, Malformed::BadMagic)
    );
    assert!(matches!(
        check(|b| b[7] = 3),
        Err(Error::UnsupportedVersion {
            format: StoreFormat::Jks,
            version: 3
        })
    ));
    assert!(matches!(
        check(|b| b[7] = 0),
        Err(Error::UnsupportedVersion { version: 0, .. })
    ));
    // Negative entry count, key length, chain length, certificate length.
    assert_eq!(
        malformed_at(check(|b| b[8] = 0x80)),
        (8, Malformed::NegativeLength(-0x7fff_ffff))
    );
    assert_eq!(
        malformed_at(check(|b| b[0x1f] = 0xff)),
        (0x1f, Malformed::NegativeLength(-16_777_089))
    );
    assert_eq!(
        malformed_at(check(|b| b[0xa2] = 0xff)),
        (0xa2, Malformed::NegativeLength(-16_777_215))
    );
    assert_eq!(
        malformed_at(check(|b| b[0xad..0xb1].fill(0xff))),
        (0xad, Malformed::NegativeLength(-1))
    );
    // Lengths beyond the input.
    assert_eq!(
        malformed_at(check(|b| b[0x1f] = 0x7f)),
        (
            0x1f,
            Malformed::LengthOverrun {
                claimed: 0x7f00_007f,
                remaining: 504 - 0x23
            }
        )
    );
    assert_eq!(
        malformed_at(check(|b| b[0x10..0x12].fill(0xff))),
        (
            0x10,
            Malformed::LengthOverrun {
                claimed: 0xffff,
                remaining: 504 - 0x12
            }
        )
    );
    // Tags: 3 is not valid in a FEEDFEED file; anything else never.
    assert_eq!(
        malformed_at(check(|b| b[0xf] = 3)),
        (0xc, Malformed::UnknownEntryTag(3))
    );
    assert_eq!(
        malformed_at(check(|b| b[0xf] = 0)),
        (0xc, Malformed::UnknownEntryTag(0))
    );
    assert_eq!(
        malformed_at(check(|b| b[0xc] = 0x80)),
        (0xc, Malformed::UnknownEntryTag(0x8000_0001))
    );
    // Certificate type must be X.509.
    assert_eq!(
        malformed_at(check(|b| b[0xac] = b'8')),
        (0xa6, Malformed::UnsupportedCertType("X.508".into()))
    );
    // Alias with a 4-byte UTF-8 form, and with a lone surrogate.
    assert_eq!(
        malformed_at(check(
            |b| b[0x12..0x16].copy_from_slice(&[0xf0, 0x9f, 0x98, 0x80])
        )),
        (0x12, Malformed::BadModifiedUtf8)
    );
    assert_eq!(
        malformed_at(check(|b| b[0x13..0x16].copy_from_slice(&[0xed, 0xa0, 0xbd]))),
        (0x13, Malformed::BadModifiedUtf8)
    );
    // More entries than the file holds: the digest is read as an entry tag.
    assert!(matches!(
        check(|b| b[0xb] = 2),
        Err(Error::Malformed { offset: 0x1e4, .. })
    ));
    // A changed body with the old digest.
    let mut flipped = WORKED_EXAMPLE.to_vec();
    flipped[0x100] ^= 1;
    assert_eq!(
        decode(&flipped, Some(pw)).unwrap_err(),
        Error::IntegrityCheckFailed
    );
    // Trailing bytes after the digest are ignored, as Java ignores them.
    let mut trailing = WORKED_EXAMPLE.to_vec();
    trailing.extend_from_slice(&[0; 26]);
    assert_eq!(
        decode(&trailing, Some(pw)).unwrap().entries,
        decode(WORKED_EXAMPLE, Some(pw)).unwrap().entries
    );
}

#[test]
fn mutations_of_a_secret_entry() {
    let pw = "storepw1";
    // vec.jceks: entry 2 (tag 3, "aes") starts at 0x1cd; its stream at 0x1de.
    let stream_at = 0x1de;
    assert_eq!(
        VEC_JCEKS[stream_at..stream_at + 4],
        [0xac, 0xed, 0x00, 0x05]
    );
    let file = |mutate: &dyn Fn(&mut Vec<u8>)| mutated(VEC_JCEKS, pw, |b| mutate(b));

    let bad_magic = file(&|b| b[stream_at] = 0xca);
    assert!(matches!(
        malformed_at(decode(&bad_magic, Some(pw))),
        (0x1de, Malformed::BadSerializedObject(_))
    ));
    // Another class name of the same length is rejected by the class filter.
    let other_class = file(&|b| b[stream_at + 10] = b'X');
    assert!(matches!(
        malformed_at(decode(&other_class, Some(pw))),
        (0x1e4, Malformed::BadSerializedObject(_))
    ));
    // A byte-array length beyond the input.
    let array_len = VEC_JCEKS
        .windows(6)
        .position(|w| w == [0x75, 0x71, 0, 0x7e, 0, 5])
        .unwrap()
        + 6;
    let huge_array = file(&|b| b[array_len] = 0x10);
    assert!(matches!(
        malformed_at(decode(&huge_array, Some(pw))),
        (at, Malformed::LengthOverrun { .. }) if at == array_len
    ));
    let negative_array = file(&|b| b[array_len] = 0x80);
    assert!(matches!(
        malformed_at(decode(&negative_array, Some(pw))),
        (_, Malformed::NegativeLength(_))
    ));
    // Flipped ciphertext: the file loads, unsealing fails as a wrong password would.
    let flipped = file(&|b| b[array_len + 20] ^= 0x01);
    let d = decode(&flipped, Some(pw)).unwrap();
    let Entry::SecretKey(s) = entry(&d.entries, "aes") else {
        panic!()
    };
    let ProtectedSecret::JceSealed(stream) = &s.key else {
        panic!()
    };
    assert!(matches!(
        sealed::unseal(stream, &Password::new("keypass1"), &limits()),
        Err(Error::KeyDecryptionFailed | Error::Malformed { .. })
    ));
}

#[test]
fn limits_are_enforced() {
    let mut small = Limits::DEFAULT;
    small.max_input_len = 100;
    assert!(matches!(
        keystore_jks::decode(WORKED_EXAMPLE, None, &small),
        Err(Error::LimitExceeded {
            what: "input length",
            found: 504,
            limit: 100
        })
    ));
    let mut no_entries = Limits::DEFAULT;
    no_entries.max_entries = 1;
    assert!(matches!(
        keystore_jks::decode(VEC_JCEKS, None, &no_entries),
        Err(Error::LimitExceeded {
            what: "entry count",
            found: 2,
            limit: 1
        })
    ));
    let mut no_chain = Limits::DEFAULT;
    no_chain.max_chain_len = 0;
    assert!(matches!(
        keystore_jks::decode(WORKED_EXAMPLE, None, &no_chain),
        Err(Error::LimitExceeded {
            what: "certificate chain length",
            found: 1,
            limit: 0
        })
    ));
    // A store with 0x7fffffff entries claimed is rejected by the count cap before any work.
    let huge = mutated(WORKED_EXAMPLE, "changeit", |b| {
        b[8..12].copy_from_slice(&0x7fff_ffff_i32.to_be_bytes())
    });
    assert!(matches!(
        decode(&huge, Some("changeit")),
        Err(Error::LimitExceeded {
            what: "entry count",
            ..
        })
    ));
    let mut many = Limits::DEFAULT;
    many.max_entries = u32::MAX;
    assert!(matches!(
        keystore_jks::decode(&huge, None, &many),
        Err(Error::Malformed { .. })
    ));
    // JCE iteration counts are capped when a secret key is unsealed.
    let d = decode(VEC_JCEKS, Some("storepw1")).unwrap();
    let Entry::SecretKey(s) = entry(&d.entries, "aes") else {
        panic!()
    };
    let ProtectedSecret::JceSealed(stream) = &s.key else {
        panic!()
    };
    let mut few = Limits::DEFAULT;
    few.max_iterations = 10;
    assert!(matches!(
        sealed::unseal(stream, &Password::new("keypass1"), &few),
        Err(Error::LimitExceeded {
            found: 200_000,
            limit: 10,
            ..
        })
    ));
    let Entry::PrivateKey(k) = entry(&d.entries, "vec") else {
        panic!()
    };
    assert!(matches!(
        k.key.decrypt(&Password::new("keypass1"), &few),
        Err(Error::LimitExceeded { .. })
    ));
}

#[test]
fn short_and_foreign_inputs() {
    for (input, what) in [
        (&b""[..], Malformed::Truncated),
        (&[0xfe, 0xed][..], Malformed::Truncated),
        (&[0xce][..], Malformed::Truncated),
        (&[0xfe, 0xee][..], Malformed::BadMagic),
        (&[0x30, 0x82, 0x0a, 0x00, 0x02][..], Malformed::BadMagic),
        (&[0xfe, 0xed, 0xfe, 0xed, 0, 0][..], Malformed::Truncated),
    ] {
        let got = decode(input, None).unwrap_err();
        assert!(
            matches!(&got, Error::Malformed { what: w, .. } if *w == what),
            "{input:02x?}: {got:?}"
        );
    }
    assert_eq!(EntryKind::SecretKey.keytool_name(), "SecretKeyEntry");
}
