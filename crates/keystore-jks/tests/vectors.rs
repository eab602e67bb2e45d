//! The vectors of jks-jceks.md: §3 empty stores, §8 worked example, §9 deterministic files.

#![allow(clippy::unwrap_used, reason = "tests")]

#[path = "util/helpers.rs"]
mod helpers;

use helpers::{aliases, assert_round_trip, decode, entry, sha256_hex};
use hex_literal::hex;
use keystore_jks::{encode, sealed};
use keystore_model::{
    CertificateDer, Entries, Entry, Error, Limits, Malformed, Password, PrivateKeyEntry,
    ProtectedKey, ProtectedSecret, SecretKey, SecretKeyEntry, StoreFormat, Timestamp,
    TrustedCertEntry,
};
use keystore_pbe::{jce, jks};
use zeroize::Zeroizing;

const WORKED_EXAMPLE: &[u8] = include_bytes!("data/worked-example.jks");
const VEC_JKS: &[u8] = include_bytes!("data/vec.jks");
const VEC_JCEKS: &[u8] = include_bytes!("data/vec.jceks");
const VEC_DES_JCEKS: &[u8] = include_bytes!("data/vec_des.jceks");

/// PKCS#8 of the §8 EC P-256 key (`K` of §4.3).
const K: [u8; 67] = hex!(
    "3041020100301306072a8648ce3d020106082a8648ce3d0301070427302502010104203b2c39f559b6b3993f7df3ed7e60a6deddf6620339287913c5c1f362cef24c56"
);
const CERT_SHA256: &str = "62589E9E61D77B57AD561D61343DA34969AE2CB35A060D79463735D6BD72865F";
const VEC_DATE: Timestamp = Timestamp(1_700_000_000_000);

/// The §8 certificate: bytes 0x0b1..0x1e4 of the worked example.
fn cert() -> CertificateDer {
    CertificateDer::new(WORKED_EXAMPLE[0xb1..0x1e4].to_vec())
}

#[test]
fn empty_stores() {
    // §3: header ‖ digest for both magics and passwords.
    for (format, password, file) in [
        (
            StoreFormat::Jks,
            "changeit",
            hex!("feedfeed0000000200000000e2686e45fb43dfa4d992dd41ceb6b21c6330d792"),
        ),
        (
            StoreFormat::Jks,
            "",
            hex!("feedfeed000000020000000057bebc2762a21d70fff218dd5968011ffe423a69"),
        ),
        (
            StoreFormat::Jceks,
            "changeit",
            hex!("cececece0000000200000000f4922c1e8cc08b94e34d21fa489599303216d4c0"),
        ),
        (
            StoreFormat::Jceks,
            "",
            hex!("cececece0000000200000000e5443b1e03cb9e73baa5f809591be482247cb8c4"),
        ),
    ] {
        let pw = Password::new(password);
        assert_eq!(encode(&Entries::new(), format, 2, &pw).unwrap(), file);
        let decoded = decode(&file, Some(password)).unwrap();
        assert_eq!(decoded.format, format);
        assert_eq!(decoded.version, 2);
        assert!(decoded.entries.is_empty());
        assert_eq!(
            decode(&file, Some("wrong!")).unwrap_err(),
            Error::IntegrityCheckFailed
        );
        // Unverified mode needs no digest at all.
        assert!(decode(&file[..12], None).unwrap().entries.is_empty());
        assert!(matches!(
            decode(&file[..12], Some(password)),
            Err(Error::Malformed {
                offset: 12,
                what: Malformed::Truncated,
                ..
            })
        ));
    }
}

// Worked example (§8), annotated:
//   000 feedfeed                 magic JKS
//   004 00000002                 version 2
//   008 00000001                 1 entry
//   00c 00000001                 tag 1, private-key entry
//   010 0005 6d796b6579          alias "mykey"
//   017 000001a2021369e1         1795331156449 ms
//   01f 0000007f                 protected-key length 127
//   023 307d 300e 060a2b060104012a02110101 0500 046b salt ‖ E ‖ check
//   0a2 00000001                 chain length 1
//   0a6 0005 582e353039          "X.509"
//   0ad 00000133 3082012f…       certificate (307 bytes)
//   1e4 596c0127…bc23bab6d       digest
#[test]
fn worked_example() {
    assert_eq!(WORKED_EXAMPLE.len(), 504);
    let decoded = assert_round_trip(WORKED_EXAMPLE, "changeit");
    assert_eq!(decoded.format, StoreFormat::Jks);
    assert_eq!(aliases(&decoded.entries), ["mykey"]);
    let Entry::PrivateKey(e) = entry(&decoded.entries, "mykey") else {
        panic!("kind")
    };
    assert_eq!(e.created, Some(Timestamp(1_795_331_156_449)));
    assert_eq!(e.key.as_der(), &WORKED_EXAMPLE[0x23..0xa2]);
    assert_eq!(e.chain, [cert()]);
    assert_eq!(sha256_hex(cert().as_bytes()), CERT_SHA256);
    let pkcs8 = e
        .key
        .decrypt(&Password::new("changeit"), &Limits::DEFAULT)
        .unwrap();
    assert_eq!(pkcs8.as_bytes(), K);
    assert_eq!(
        e.key
            .decrypt(&Password::new("changeiT"), &Limits::DEFAULT)
            .unwrap_err(),
        Error::KeyDecryptionFailed
    );
    // Building it from scratch with the same salt gives the same file.
    let key = jks::protect_key(
        &K,
        &Password::new("changeit"),
        &hex!("5cfdd24673dffa711a795840277c23c0e0255416"),
    )
    .unwrap();
    let mut entries = Entries::new();
    entries.push_raw(
        "mykey".into(),
        Entry::PrivateKey(PrivateKeyEntry::new(
            Some(Timestamp(1_795_331_156_449)),
            ProtectedKey::from_der(key),
            vec![cert()],
        )),
    );
    assert_eq!(
        encode(&entries, StoreFormat::Jks, 2, &Password::new("changeit")).unwrap(),
        WORKED_EXAMPLE
    );
}

fn store_pw() -> Password {
    Password::new("storepw1")
}

fn key_pw() -> Password {
    Password::new("keypass1")
}

#[test]
fn vec_jks() {
    assert_eq!(
        sha256_hex(VEC_JKS),
        "91E38087EB86994FFDF292F4A8AE1747C807435C098ED98EF0EF8E079108208D"
    );
    let decoded = assert_round_trip(VEC_JKS, "storepw1");
    assert_eq!(decoded.format, StoreFormat::Jks);
    assert_eq!(aliases(&decoded.entries), ["ca", "vec"]);
    assert_eq!(
        entry(&decoded.entries, "ca"),
        &Entry::TrustedCert(TrustedCertEntry::new(Some(VEC_DATE), cert()))
    );
    let Entry::PrivateKey(e) = entry(&decoded.entries, "vec") else {
        panic!("kind")
    };
    assert_eq!(e.created, Some(VEC_DATE));
    assert_eq!(e.chain, [cert()]);
    assert_eq!(
        e.key
            .decrypt(&key_pw(), &Limits::DEFAULT)
            .unwrap()
            .as_bytes(),
        K
    );

    // From scratch: JKS protector salt 01..14.
    let salt: [u8; 20] = core::array::from_fn(|i| u8::try_from(i + 1).unwrap());
    let key = jks::protect_key(&K, &key_pw(), &salt).unwrap();
    let mut entries = Entries::new();
    entries.push_raw(
        "ca".into(),
        Entry::TrustedCert(TrustedCertEntry::new(Some(VEC_DATE), cert())),
    );
    entries.push_raw(
        "vec".into(),
        Entry::PrivateKey(PrivateKeyEntry::new(
            Some(VEC_DATE),
            ProtectedKey::from_der(key),
            vec![cert()],
        )),
    );
    assert_eq!(
        encode(&entries, StoreFormat::Jks, 2, &store_pw()).unwrap(),
        VEC_JKS
    );
}

fn aes_key() -> SecretKey {
    SecretKey::new(
        "AES",
        Zeroizing::new(hex!("000102030405060708090a0b0c0d0e0f").to_vec()),
    )
}

fn des_key() -> SecretKey {
    SecretKey::new(
        "DESede",
        Zeroizing::new(hex!("0123456789abcdeffedcba987654321089abcdef01234567").to_vec()),
    )
}

#[test]
fn vec_jceks() {
    assert_eq!(
        sha256_hex(VEC_JCEKS),
        "99BBF6AC62670BFD66D2D3388F584BE631C405C79FE8CA4DA396F7A556C0E2C8"
    );
    let decoded = assert_round_trip(VEC_JCEKS, "storepw1");
    assert_eq!(decoded.format, StoreFormat::Jceks);
    assert_eq!(aliases(&decoded.entries), ["vec", "aes"]);
    let Entry::PrivateKey(e) = entry(&decoded.entries, "vec") else {
        panic!("kind")
    };
    assert_eq!((e.created, &e.chain[..]), (Some(VEC_DATE), &[cert()][..]));
    assert_eq!(
        e.key
            .decrypt(&key_pw(), &Limits::DEFAULT)
            .unwrap()
            .as_bytes(),
        K
    );
    let Entry::SecretKey(s) = entry(&decoded.entries, "aes") else {
        panic!("kind")
    };
    assert_eq!(s.created, Some(VEC_DATE));
    let ProtectedSecret::JceSealed(stream) = &s.key else {
        panic!("sealed")
    };
    assert_eq!(
        sealed::unseal(stream, &key_pw(), &Limits::DEFAULT).unwrap(),
        aes_key()
    );
    assert_eq!(
        sealed::unseal(stream, &store_pw(), &Limits::DEFAULT).unwrap_err(),
        Error::KeyDecryptionFailed
    );

    // From scratch: JCE PBE salt 1112..18, seal salt 0102..08, 200000 iterations.
    let key = jce::protect_key(
        &K,
        &key_pw(),
        &hex!("1112131415161718"),
        jce::DEFAULT_ITERATIONS,
    )
    .unwrap();
    let sealed = sealed::seal(
        &aes_key(),
        &key_pw(),
        &hex!("0102030405060708"),
        jce::DEFAULT_ITERATIONS,
    )
    .unwrap();
    assert_eq!(&sealed, stream);
    let mut entries = Entries::new();
    entries.push_raw(
        "vec".into(),
        Entry::PrivateKey(PrivateKeyEntry::new(
            Some(VEC_DATE),
            ProtectedKey::from_der(key),
            vec![cert()],
        )),
    );
    entries.push_raw(
        "aes".into(),
        Entry::SecretKey(SecretKeyEntry::new(
            Some(VEC_DATE),
            ProtectedSecret::JceSealed(sealed),
        )),
    );
    assert_eq!(
        encode(&entries, StoreFormat::Jceks, 2, &store_pw()).unwrap(),
        VEC_JCEKS
    );
}

#[test]
fn vec_des_jceks() {
    assert_eq!(
        sha256_hex(VEC_DES_JCEKS),
        "BFCFC5EC89B9AE13B6973504E185E69E75486319F15E6EB7023222E09199210E"
    );
    let decoded = assert_round_trip(VEC_DES_JCEKS, "storepw1");
    assert_eq!(aliases(&decoded.entries), ["des"]);
    let Entry::SecretKey(s) = entry(&decoded.entries, "des") else {
        panic!("kind")
    };
    let ProtectedSecret::JceSealed(stream) = &s.key else {
        panic!("sealed")
    };
    assert_eq!(
        sealed::unseal(stream, &key_pw(), &Limits::DEFAULT).unwrap(),
        des_key()
    );

    let sealed = sealed::seal(
        &des_key(),
        &key_pw(),
        &hex!("0102030405060708"),
        jce::DEFAULT_ITERATIONS,
    )
    .unwrap();
    let mut entries = Entries::new();
    entries.push_raw(
        "des".into(),
        Entry::SecretKey(SecretKeyEntry::new(
            Some(VEC_DATE),
            ProtectedSecret::JceSealed(sealed),
        )),
    );
    assert_eq!(
        encode(&entries, StoreFormat::Jceks, 2, &store_pw()).unwrap(),
        VEC_DES_JCEKS
    );
}

/// A JKS file opened as JCEKS keeps its JKS-protected key; storing it as JCEKS writes magic
/// CECECECE and the same entries.
#[test]
fn jks_written_as_jceks() {
    let decoded = decode(VEC_JKS, Some("storepw1")).unwrap();
    let jceks = encode(&decoded.entries, StoreFormat::Jceks, 2, &store_pw()).unwrap();
    assert_eq!(jceks[..4], hex!("cececece"));
    assert_eq!(jceks[4..VEC_JKS.len() - 20], VEC_JKS[4..VEC_JKS.len() - 20]);
    let again = decode(&jceks, Some("storepw1")).unwrap();
    assert_eq!(again.entries, decoded.entries);
    // The JCE-protected key of vec.jceks cannot go into a JKS file, nor can its secret key.
    let jceks = decode(VEC_JCEKS, Some("storepw1")).unwrap();
    assert_eq!(
        encode(&jceks.entries, StoreFormat::Jks, 2, &store_pw()).unwrap_err(),
        Error::UnsupportedAlgorithm {
            oid: jce::PBE_MD5_TRIPLE_DES_OID.into()
        }
    );
    let des = decode(VEC_DES_JCEKS, Some("storepw1")).unwrap();
    assert!(matches!(
        encode(&des.entries, StoreFormat::Jks, 2, &store_pw()),
        Err(Error::EntryNotSupported {
            format: StoreFormat::Jks,
            ..
        })
    ));
}

/// Version 1: the same layout without certificate-type strings.
#[test]
fn version_1() {
    let decoded = decode(VEC_JKS, Some("storepw1")).unwrap();
    let v1 = encode(&decoded.entries, StoreFormat::Jks, 1, &store_pw()).unwrap();
    // Two "X.509" strings (2 + 5 bytes each) fewer.
    assert_eq!(v1.len(), VEC_JKS.len() - 14);
    assert_eq!(v1[4..8], [0, 0, 0, 1]);
    let again = decode(&v1, Some("storepw1")).unwrap();
    assert_eq!(again.version, 1);
    assert_eq!(again.entries, decoded.entries);
    assert_eq!(
        encode(&again.entries, StoreFormat::Jks, 1, &store_pw()).unwrap(),
        v1
    );
    assert!(matches!(
        encode(&decoded.entries, StoreFormat::Jks, 3, &store_pw()),
        Err(Error::UnsupportedVersion { version: 3, .. })
    ));
}

#[test]
fn helper_iso_parse() {
    assert_eq!(helpers::iso_to_ms("1970-01-01T00:00:00Z"), 0);
    assert_eq!(
        helpers::iso_to_ms("2023-11-14T22:13:20Z"),
        1_700_000_000_000
    );
    assert_eq!(
        helpers::iso_to_ms("2026-11-22T07:05:56.449Z"),
        1_795_331_156_449
    );
    assert_eq!(helpers::iso_to_ms("1969-12-31T23:59:59.9Z"), -100);
}
