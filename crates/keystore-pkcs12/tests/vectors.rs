//! The vectors of pkcs12.md: the PKCS#12 KDF table (§4, cross-checked with
//! `openssl kdf … PKCS12KDF`), the MAC key of the complete JDK 17 file (§8) and the PBMAC1
//! key (§2.7).

#![allow(clippy::unwrap_used, reason = "tests")]

use hex_literal::hex;
use keystore_model::Password;
use keystore_pbe::{
    HashAlgorithm,
    mac::{MacAlgorithm, MacData, PBMAC1_UNUSED_SALT, Pbmac1Params},
    pkcs12_kdf::{ID_IV, ID_KEY, ID_MAC, secret_derive},
};

const SALT: [u8; 8] = hex!("0102030405060708");

#[test]
fn kdf_table() {
    let changeit = Password::new("changeit");
    let empty = Password::empty();
    type Row<'a> = (HashAlgorithm, u8, Option<&'a Password>, u32, &'a [u8]);
    let rows: [Row<'_>; 6] = [
        (
            HashAlgorithm::Sha256,
            ID_MAC,
            Some(&changeit),
            2048,
            &hex!("3c26affc9ec71b39e0e2754ffdb2d8653cabb0c8c012e5962cca38075d845b5e"),
        ),
        (
            HashAlgorithm::Sha1,
            ID_KEY,
            Some(&changeit),
            2048,
            &hex!("a13a1cf35ea9e628cd82c570910adcd5481cd978fff88965"),
        ),
        (
            HashAlgorithm::Sha1,
            ID_IV,
            Some(&changeit),
            2048,
            &hex!("ef009e6f4589af95"),
        ),
        (
            HashAlgorithm::Sha1,
            ID_MAC,
            Some(&changeit),
            2048,
            &hex!("9c8bcdd24686980aa78fd6ca1430f7d638097da1"),
        ),
        // "" → BMP 00 00.
        (
            HashAlgorithm::Sha1,
            ID_MAC,
            Some(&empty),
            1,
            &hex!("b73b61d3a22867cf1922c1d70e96c7567ff156bd"),
        ),
        // No password → empty P.
        (
            HashAlgorithm::Sha1,
            ID_MAC,
            None,
            1,
            &hex!("f75f1048aeb05671b6c6265883b42c0dedbf93d8"),
        ),
    ];
    for (hash, id, pw, iterations, expected) in rows {
        let out =
            secret_derive(hash, id, pw, &SALT, iterations, 5_000_000, expected.len()).unwrap();
        assert_eq!(&out[..], expected, "{hash:?} ID {id}");
    }
}

#[test]
fn jdk17_mac_key() {
    // pkcs12.md §8: MacData salt and the derived HMAC-SHA256 key.
    let key = secret_derive(
        HashAlgorithm::Sha256,
        ID_MAC,
        Some(&Password::new("changeit")),
        &hex!("1058112d076d1b6debc46118f5d5950b1c8dfbec"),
        10_000,
        10_000,
        32,
    )
    .unwrap();
    assert_eq!(
        key[..],
        hex!("39164bd4829c4380812db67425a8de4f1c405339986856f88599ed974bf772af")
    );
}

#[test]
fn pbmac1_mac_data() {
    // pkcs12.md §2.7: PBKDF2-HMAC-SHA256("changeit", 000102…0f, 2048, 32).
    let params = Pbmac1Params::new(
        HashAlgorithm::Sha256,
        &hex!("000102030405060708090a0b0c0d0e0f"),
        2048,
    );
    let pw = Password::new("changeit");
    let mac = MacData::compute(
        MacAlgorithm::Pbmac1(params),
        PBMAC1_UNUSED_SALT,
        1,
        b"data",
        &pw,
    )
    .unwrap();
    // HMAC-SHA256 keyed with 7118c201…d9f77b over "data" (Python `hmac`).
    assert_eq!(
        mac.mac,
        hex!("7307c4c3fcddcf52b80ebcd06fdd623adde880661a4e50da684b2e87772538ce")
    );
    let parsed = MacData::from_der(&mac.to_der()).unwrap();
    assert_eq!(parsed, mac);
    assert!(parsed.verify(b"data", &pw, 2048).unwrap());
    assert!(
        !parsed
            .verify(b"data", &Password::new("changeiT"), 2048)
            .unwrap()
    );
}
