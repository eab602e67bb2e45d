//! The vectors in `tests/data` (see its README): exact values, BER input, limits, and round
//! trips that keep what the model does not interpret.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

#[path = "util/helpers.rs"]
mod helpers;

use helpers::{cert_in_bag, der, elements, seeded, sha256_hex, tlv, to_ber};
use keystore_model::{Entries, Entry, Error, Limits, Password, StoreFormat, Timestamp};
use keystore_pbe::{
    HashAlgorithm,
    mac::{MacAlgorithm, MacData},
};
use keystore_pkcs12::{Decoded, Integrity, Profile, WriteOptions, decode, encode};

const SPEC_SMALL17: &[u8] = include_bytes!("data/spec-small17.p12");
const K17_SINGLE: &[u8] = include_bytes!("data/k17-single.p12");
const K17_LEGACY: &[u8] = include_bytes!("data/k17-legacy.p12");
const OPENSSL_LEGACY: &[u8] = include_bytes!("data/openssl-legacy.p12");
const OPENSSL_NOMAC: &[u8] = include_bytes!("data/openssl-nomac.p12");
const PYTHON_NOENC: &[u8] = include_bytes!("data/python-noenc.p12");
const OPENSSL_CSP: &[u8] = include_bytes!("data/openssl-csp.p12");

fn open(bytes: &[u8], password: &str) -> Decoded {
    decode(bytes, Some(&Password::new(password)), &Limits::DEFAULT).expect("decode")
}

/// (alias, kind, creation millis, PKCS#8 SHA-256, certificate SHA-256s)
type Expected<'a> = (
    &'a str,
    &'a str,
    Option<i64>,
    Option<&'a str>,
    &'a [&'a str],
);

fn check(decoded: &Decoded, password: &str, expected: &[Expected<'_>]) {
    assert_eq!(decoded.entries.len(), expected.len());
    for ((alias, entry), (e_alias, kind, created, pkcs8, certs)) in
        decoded.entries.iter().zip(expected)
    {
        assert_eq!(alias.as_str(), *e_alias);
        assert_eq!(entry.kind().keytool_name(), *kind, "{alias}");
        assert_eq!(entry.created().map(|t| t.0), *created, "{alias}");
        let got: Vec<String> = entry
            .certificates()
            .iter()
            .map(|c| sha256_hex(c.as_bytes()))
            .collect();
        assert_eq!(got, *certs, "{alias}");
        if let (Entry::PrivateKey(k), Some(sha)) = (entry, pkcs8) {
            let plain = k
                .key
                .decrypt(&Password::new(password), &Limits::DEFAULT)
                .unwrap();
            assert_eq!(sha256_hex(plain.as_bytes()), *sha, "{alias}");
        }
    }
}

// The complete JDK 17 vector of pkcs12.md §8 (`openssl asn1parse -i`):
//
//     0:d=0  hl=4 l= 966 cons: SEQUENCE
//     4:d=1  hl=2 l=   1 prim:  INTEGER           :03
//     7:d=1  hl=4 l= 880 cons:  SEQUENCE
//    11:d=2  hl=2 l=   9 prim:   OBJECT            :pkcs7-data
//    22:d=2  hl=4 l= 865 cons:   cont [ 0 ]
//    26:d=3  hl=4 l= 861 prim:    OCTET STRING      (AuthenticatedSafe: data + encryptedData)
//   891:d=1  hl=2 l=  77 cons:  SEQUENCE            (MacData)
//   893:d=2  hl=2 l=  49 cons:   SEQUENCE
//   895:d=3  hl=2 l=  13 cons:    SEQUENCE
//   897:d=4  hl=2 l=   9 prim:     OBJECT            :sha256
//   908:d=4  hl=2 l=   0 prim:     NULL
//   910:d=3  hl=2 l=  32 prim:    OCTET STRING      1CFAC398…0AF877
//   944:d=2  hl=2 l=  20 prim:   OCTET STRING      1058112D…1C8DFBEC
//   966:d=2  hl=2 l=   2 prim:   INTEGER           :2710
#[test]
fn spec_vector_small17() {
    let d = open(SPEC_SMALL17, "changeit");
    assert_eq!(d.integrity, Integrity::Verified);
    assert_eq!(d.profile, Profile::Jdk);
    assert!(d.entries.extra().is_empty());
    let (alias, entry) = d.entries.iter().next().unwrap();
    assert_eq!(alias.as_str(), "k");
    // localKeyId `Time 1795332534340`.
    assert_eq!(entry.created(), Some(Timestamp(1_795_332_534_340)));
    let Entry::PrivateKey(k) = entry else {
        panic!("kind")
    };
    assert_eq!(k.chain.len(), 1);
    // (pkcs12.md says 310: that is the certValue OCTET STRING with its 4-byte header.)
    assert_eq!(k.chain[0].as_bytes().len(), 306);
    let plain = k
        .key
        .decrypt(&Password::new("changeit"), &Limits::DEFAULT)
        .unwrap();
    assert_eq!(plain.as_bytes().len(), 67);
    // The key bag's EncryptedPrivateKeyInfo is kept byte for byte.
    assert!(
        SPEC_SMALL17
            .windows(k.key.as_der().len())
            .any(|w| w == k.key.as_der())
    );

    // MAC input: the 861 content octets of the authSafe OCTET STRING.
    let auth = &SPEC_SMALL17[30..891];
    assert_eq!(
        sha256_hex(auth),
        "E59F0D80CB6940AD58CF28CE585DBB3EEF1780D8635CD70EB91AAF47C1C6A51E"
    );
    let mac = MacData::from_der(&SPEC_SMALL17[891..]).unwrap();
    assert!(
        mac.verify(auth, &Password::new("changeit"), 10_000)
            .unwrap()
    );
}

#[test]
fn keytool17_default() {
    let d = open(K17_SINGLE, "changeit-A");
    assert_eq!(d.integrity, Integrity::Verified);
    assert_eq!(d.profile, Profile::Jdk);
    check(
        &d,
        "changeit-A",
        &[(
            "mykey",
            "PrivateKeyEntry",
            Some(1_795_333_231_365),
            Some("6B75F4EF92E431BA0BAF6542E54EE784F19BFDF43E49572D99E2349E72B7FA45"),
            &["E61E78E938B3F859F0CD83217BF17B6AB2C6FBCBFDFCC6EA0FD41D6A7F9CFCB8"],
        )],
    );
}

#[test]
fn keytool17_legacy() {
    let d = open(K17_LEGACY, "changeit-A");
    assert_eq!(d.profile, Profile::Legacy);
    check(
        &d,
        "changeit-A",
        &[
            (
                "legacy",
                "PrivateKeyEntry",
                Some(1_795_333_292_099),
                Some("31CEFD1E9E99082C4A46D8C45218CA3F1FC4BBCF78E867AAB17C519F25462A9A"),
                &["73457BD5C273D0A3607CD0368E75160677B0F12CB87651ACCAF065D8A23603AA"],
            ),
            (
                "root-ca",
                "trustedCertEntry",
                None,
                None,
                &["48D30763F48EF1AF2F868042D481355141A3FDB658CABCABEEC126C2CAC90504"],
            ),
        ],
    );
}

#[test]
fn openssl_legacy_and_nomac() {
    let d = open(OPENSSL_LEGACY, "ossl-pass-A");
    assert_eq!(d.profile, Profile::Legacy);
    check(
        &d,
        "ossl-pass-A",
        &[(
            "ossl-legacy",
            "PrivateKeyEntry",
            None,
            Some("43621F58FC43FDD3CBB5AC860035F3C743434D1A308F349195BE55B673EF988A"),
            &["758D16FB544FFBBE6E876D3BE8C53D66B3DADB5B63B5BCCFCE41C6359D97A129"],
        )],
    );
    // OpenSSL's localKeyId (SHA-1 of the certificate) is kept for re-encoding.
    let (_, entry) = d.entries.iter().next().unwrap();
    assert_eq!(entry.extra().len(), 1);

    let d = open(OPENSSL_NOMAC, "ossl-pass-A");
    assert_eq!(d.integrity, Integrity::NoMac);
    check(
        &d,
        "ossl-pass-A",
        &[(
            "ossl-nomac",
            "PrivateKeyEntry",
            None,
            Some("D583C23A0C0EE0A08E047BC3E2B2B4D52F37B3A5C279843FB3DC0F0F9168B1E2"),
            &["2ECC6EC5841BAD1182120097ECC6D06BE0DFA26EE3956577A3530AF082DD118D"],
        )],
    );
    // No MAC: a wrong password still decodes (the certificates are plain), keys do not decrypt.
    let d = open(OPENSSL_NOMAC, "wrong");
    let (_, Entry::PrivateKey(k)) = d.entries.iter().next().unwrap() else {
        panic!("kind")
    };
    assert!(matches!(
        k.key.decrypt(&Password::new("wrong"), &Limits::DEFAULT),
        Err(Error::KeyDecryptionFailed)
    ));
}

#[test]
fn python_key_bag_with_empty_password() {
    let d = open(PYTHON_NOENC, "");
    assert_eq!(d.integrity, Integrity::Verified);
    check(
        &d,
        "",
        &[(
            "py-noenc",
            "PrivateKeyEntry",
            None,
            Some("752898090FA108CB129ACBAE64640CE50B914799A7613FAEB783A519C576DCE2"),
            &["8C1F71EBA19C44CBB3DAEF955D43327EDA0D790411B9164776BC8A2F31B6D3BE"],
        )],
    );
    let (_, Entry::PrivateKey(k)) = d.entries.iter().next().unwrap() else {
        panic!("kind")
    };
    // A keyBag: not encrypted; any password "decrypts" it.
    assert!(!k.key.is_encrypted());
    assert!(k.key.as_der().is_empty());
    assert!(k.key.decrypt(&Password::new("x"), &Limits::DEFAULT).is_ok());
    // Written back, it is encrypted (Java cannot hold unencrypted keys).
    let out = encode(
        &d.entries,
        &WriteOptions::new(Profile::Jdk).with_iterations(5),
        &Password::empty(),
        &mut seeded(1),
    )
    .unwrap();
    let again = open(&out, "");
    let (_, Entry::PrivateKey(k2)) = again.entries.iter().next().unwrap() else {
        panic!("kind")
    };
    assert!(k2.key.is_encrypted());
    assert_eq!(
        k2.key
            .decrypt(&Password::empty(), &Limits::DEFAULT)
            .unwrap()
            .as_bytes(),
        k.key
            .decrypt(&Password::empty(), &Limits::DEFAULT)
            .unwrap()
            .as_bytes()
    );
}

#[test]
fn unknown_attributes_and_bags_survive_a_round_trip() {
    let d = open(OPENSSL_CSP, "csp-pass-1");
    check(
        &d,
        "csp-pass-1",
        &[(
            "csp-key",
            "PrivateKeyEntry",
            None,
            Some("D583C23A0C0EE0A08E047BC3E2B2B4D52F37B3A5C279843FB3DC0F0F9168B1E2"),
            &[
                "2ECC6EC5841BAD1182120097ECC6D06BE0DFA26EE3956577A3530AF082DD118D",
                "FC9C62DFC24188E546DFFB8C6CCE56378DCCF7B23A4481E5633ED68FBFADF61C",
                "4F517218FF705A31C70A4CB7CB06FB64FF9517611F791DF2DFCCCE45C44767D8",
            ],
        )],
    );
    let (_, entry) = d.entries.iter().next().unwrap();
    // Microsoft local key set, Microsoft CSP name, and OpenSSL's (non-`Time`) localKeyId.
    assert_eq!(entry.extra().len(), 3);
    // The Python root belongs to no chain: kept, from the encrypted certificate safe.
    let extra = d.entries.extra();
    assert_eq!(extra.len(), 1);
    assert!(extra[0].confidential);
    assert_eq!(extra[0].format, StoreFormat::Pkcs12);
    assert_eq!(
        sha256_hex(&cert_in_bag(&extra[0].der).unwrap()),
        "EBED03BC2CA3CBB5A50EF0CF9F5AA41D57F6CCEB191639FB32D166F3115B0B47"
    );

    // decode → encode → decode keeps all of it, in every profile.
    for profile in [
        Profile::Jdk,
        Profile::Legacy,
        Profile::Pbmac1,
        Profile::PasswordlessTruststore,
    ] {
        let pw = Password::new("csp-pass-1");
        let options = WriteOptions::new(profile).with_iterations(7);
        let out = encode(&d.entries, &options, &pw, &mut seeded(2)).unwrap();
        let again = decode(&out, Some(&pw), &Limits::DEFAULT).unwrap();
        assert_eq!(again.profile, profile, "{profile:?}");
        let (a1, e1) = d.entries.iter().next().unwrap();
        let (a2, e2) = again.entries.iter().next().unwrap();
        assert_eq!(a1, a2);
        assert_eq!(e1.extra(), e2.extra(), "{profile:?}");
        assert_eq!(e1.certificates(), e2.certificates(), "{profile:?}");
        let ders =
            |e: &Entries| -> Vec<Vec<u8>> { e.extra().iter().map(|x| x.der.clone()).collect() };
        assert_eq!(ders(&again.entries), ders(&d.entries), "{profile:?}");
        // Without an encrypted safe (passwordless), confidential bags are written in the clear.
        assert_eq!(
            again.entries.extra()[0].confidential,
            profile != Profile::PasswordlessTruststore
        );
        let Entry::PrivateKey(k) = e2 else { panic!() };
        assert!(k.key.decrypt(&pw, &Limits::DEFAULT).is_ok());
        // And once more: stable.
        let out2 = encode(&again.entries, &options, &pw, &mut seeded(2)).unwrap();
        let third = decode(&out2, Some(&pw), &Limits::DEFAULT).unwrap();
        assert_eq!(ders(&third.entries), ders(&d.entries));
    }
}

/// Splits a PFX into (authSafe content, MacData).
fn pfx_parts(pfx: &[u8]) -> (Vec<u8>, Vec<u8>) {
    let (_, body, _) = tlv(pfx).unwrap();
    let parts = elements(body);
    let (_, ci, _) = tlv(parts[1]).unwrap();
    let ci = elements(ci);
    let (_, explicit, _) = tlv(ci[1]).unwrap();
    let (_, auth, _) = tlv(explicit).unwrap();
    (auth.to_vec(), parts[2].to_vec())
}

/// A PFX around `auth` with a fresh SHA-256 MAC (`ber`: indefinite lengths and a segmented
/// authSafe OCTET STRING).
fn build_pfx(auth: &[u8], password: &str, iterations: u32, ber: bool) -> Vec<u8> {
    let mac = MacData::compute(
        MacAlgorithm::Pkcs12(HashAlgorithm::Sha256),
        &[5; 20],
        iterations,
        auth,
        &Password::new(password),
    )
    .unwrap()
    .to_der();
    let data_oid = der(
        0x06,
        &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01],
    );
    let ci = der(0x30, &[data_oid, der(0xa0, &der(0x04, auth))].concat());
    let pfx = der(0x30, &[der(0x02, &[3]), ci, mac].concat());
    if ber { to_ber(&pfx) } else { pfx }
}

#[test]
fn ber_input_is_read_like_der() {
    let der_view = open(K17_SINGLE, "changeit-A");
    let (auth, _) = pfx_parts(K17_SINGLE);
    // BER inside the AuthenticatedSafe too (its ContentInfos, their OCTET STRINGs).
    let auth_ber = to_ber(&auth);
    assert_ne!(auth_ber, auth);
    let pfx = build_pfx(&auth_ber, "changeit-A", 3, true);
    assert_eq!(pfx[1], 0x80, "indefinite outer length");
    let ber_view = open(&pfx, "changeit-A");
    assert_eq!(ber_view.integrity, Integrity::Verified);
    assert_eq!(ber_view.entries, der_view.entries);
    // Tampering with the BER still fails the MAC.
    let mut bad = pfx;
    let i = bad.len() / 2;
    bad[i] ^= 1;
    assert!(decode(&bad, Some(&Password::new("changeit-A")), &Limits::DEFAULT).is_err());
}

#[test]
fn limits() {
    let pw = Password::new("changeit-A");
    let mut small = Limits::DEFAULT;
    small.max_input_len = 100;
    assert!(matches!(
        decode(K17_SINGLE, Some(&pw), &small),
        Err(Error::LimitExceeded {
            what: "input length",
            ..
        })
    ));

    // MAC at 10,000 iterations: refused before any work.
    let mut few = Limits::DEFAULT;
    few.max_iterations = 9_999;
    assert!(matches!(
        decode(K17_SINGLE, Some(&pw), &few),
        Err(Error::LimitExceeded {
            what: "PBE iteration count",
            found: 10_000,
            limit: 9_999
        })
    ));
    // Keys are checked when decrypted.
    let d = decode(K17_SINGLE, None, &few).unwrap();
    let (_, Entry::PrivateKey(k)) = d.entries.iter().next().unwrap() else {
        panic!()
    };
    assert!(matches!(
        k.key.decrypt(&pw, &few),
        Err(Error::LimitExceeded { .. })
    ));

    // Bags: one key bag and one certificate bag.
    let mut one_bag = Limits::DEFAULT;
    one_bag.max_entries = 1;
    one_bag.max_chain_len = 0;
    assert!(matches!(
        decode(K17_SINGLE, Some(&pw), &one_bag),
        Err(Error::LimitExceeded {
            what: "PKCS#12 bag count",
            ..
        })
    ));

    // Total work: the same 10,000-iteration certificate safe five times (plus the MAC).
    let (auth, _) = pfx_parts(K17_SINGLE);
    let (_, safes, _) = tlv(&auth).unwrap();
    let safes = elements(safes);
    let mut many = safes[0].to_vec();
    for _ in 0..5 {
        many.extend_from_slice(safes[1]);
    }
    let pfx = build_pfx(&der(0x30, &many), "changeit-A", 1, false);
    let mut budget = Limits::DEFAULT;
    budget.max_iterations = 10_000;
    assert!(matches!(
        decode(&pfx, Some(&pw), &budget),
        Err(Error::LimitExceeded {
            what: "total PBE iterations",
            limit: 40_000,
            ..
        })
    ));
    // Within the default budget it decodes; duplicates of the chain certificate are not kept
    // as extra bags (they would be written twice).
    let d = decode(&pfx, Some(&pw), &Limits::DEFAULT).unwrap();
    assert_eq!(d.entries.len(), 1);
    assert!(d.entries.extra().is_empty());

    // Nesting deeper than the normalizer allows.
    let mut deep = Vec::new();
    for _ in 0..40 {
        deep.extend_from_slice(&[0x30, 0x80]);
    }
    deep.extend(std::iter::repeat_n(0, 80));
    assert!(matches!(
        decode(&deep, Some(&pw), &Limits::DEFAULT),
        Err(Error::LimitExceeded {
            what: "ASN.1 nesting depth",
            ..
        })
    ));
}

#[test]
fn without_password_encrypted_safes_are_skipped() {
    let d = decode(K17_LEGACY, None, &Limits::DEFAULT).unwrap();
    assert_eq!(d.integrity, Integrity::NotChecked);
    assert_eq!(d.skipped_encrypted_safes, 1);
    // The key is there, without its chain; the trusted certificate is not (as in Java).
    assert_eq!(d.entries.len(), 1);
    assert!(d.entries.iter().next().unwrap().1.certificates().is_empty());
}

#[test]
fn truncation_anywhere_is_an_error() {
    let pw = Password::new("changeit");
    for len in (0..SPEC_SMALL17.len()).step_by(7) {
        assert!(
            decode(&SPEC_SMALL17[..len], Some(&pw), &Limits::DEFAULT).is_err(),
            "{len}"
        );
        let _ = decode(&SPEC_SMALL17[..len], None, &Limits::DEFAULT);
    }
    let mut trailing = SPEC_SMALL17.to_vec();
    trailing.push(0);
    assert!(matches!(
        decode(&trailing, Some(&pw), &Limits::DEFAULT),
        Err(Error::Malformed { offset: 970, .. })
    ));
}

#[test]
fn encoding_is_deterministic_for_a_fixed_random_source() {
    let d = open(K17_LEGACY, "changeit-A");
    let pw = Password::new("changeit-A");
    let options = WriteOptions::new(Profile::Jdk).with_iterations(3);
    let a = encode(&d.entries, &options, &pw, &mut seeded(9)).unwrap();
    let b = encode(&d.entries, &options, &pw, &mut seeded(9)).unwrap();
    assert_eq!(a, b);
    let c = encode(&d.entries, &options, &pw, &mut seeded(10)).unwrap();
    assert_ne!(a, c);
    let e = Entries::new();
    let empty = encode(&e, &WriteOptions::default(), &pw, &mut seeded(1)).unwrap();
    // Like keytool's empty store: an empty AuthenticatedSafe and a MAC.
    assert_eq!(empty.len(), 103);
    assert!(open(&empty, "changeit-A").entries.is_empty());
}

#[test]
fn keys_keep_or_change_protection_by_profile() {
    let pw = Password::new("changeit-A");
    let d = open(K17_SINGLE, "changeit-A");
    let key_der = |entries: &Entries| match entries.iter().next() {
        Some((_, Entry::PrivateKey(k))) => k.key.as_der().to_vec(),
        _ => panic!("no key"),
    };
    let original = key_der(&d.entries);

    // Jdk: the keytool-written PBES2 key is written unchanged.
    let jdk = encode(
        &d.entries,
        &WriteOptions::new(Profile::Jdk).with_iterations(3),
        &pw,
        &mut seeded(1),
    )
    .unwrap();
    assert_eq!(key_der(&open(&jdk, "changeit-A").entries), original);

    // Legacy: re-encrypted under pbeWithSHAAnd3-KeyTripleDES-CBC with the store password.
    let legacy = encode(
        &d.entries,
        &WriteOptions::new(Profile::Legacy).with_iterations(3),
        &pw,
        &mut seeded(1),
    )
    .unwrap();
    let reread = open(&legacy, "changeit-A");
    let der = key_der(&reread.entries);
    assert!(matches!(
        keystore_pbe::protection_scheme(&der).unwrap(),
        keystore_pbe::Scheme::Pkcs12Pbe(p) if p.cipher == keystore_pbe::pbes1::Pkcs12PbeCipher::JAVA_LEGACY_KEY
    ));
    // A key that needs re-encryption but does not open with the store password.
    assert!(matches!(
        encode(
            &d.entries,
            &WriteOptions::new(Profile::Legacy).with_iterations(3),
            &Password::new("other"),
            &mut seeded(1),
        ),
        Err(Error::KeyDecryptionFailed)
    ));
    // A zero iteration override is a caller bug.
    assert!(matches!(
        encode(
            &d.entries,
            &WriteOptions::new(Profile::Jdk).with_iterations(0),
            &pw,
            &mut seeded(1),
        ),
        Err(Error::ApiMisuse(_))
    ));
    // The random source's errors are passed on.
    let mut failing = |_: &mut [u8]| Err(Error::ApiMisuse("no randomness"));
    assert!(matches!(
        encode(&d.entries, &WriteOptions::default(), &pw, &mut failing),
        Err(Error::ApiMisuse("no randomness"))
    ));
}
