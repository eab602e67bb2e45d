//! Round trips model → bytes → model for every profile, with arbitrary aliases (including NUL
//! and supplementary characters), key entries with no chain, a self-signed certificate or a
//! 3-certificate chain, trusted certificates and secret keys. Real certificates and a real
//! EC key from `tests/data`; fixed proptest seed and salts.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

#[path = "util/helpers.rs"]
mod helpers;

use std::sync::OnceLock;

use helpers::seeded;
use keystore_model::{
    Alias, CertificateDer, Entries, Entry, Limits, Password, PrivateKeyEntry, ProtectedSecret,
    SecretKey, SecretKeyEntry, Timestamp, TrustedCertEntry,
};
use keystore_pkcs12::{
    Profile, WriteOptions, decode, decrypt_secret_key, encode, protect_private_key,
    protect_secret_key,
};
use proptest::{prelude::*, test_runner::RngSeed};
use zeroize::Zeroizing;

const SPEC_SMALL17: &[u8] = include_bytes!("data/spec-small17.p12");
const K17_SINGLE: &[u8] = include_bytes!("data/k17-single.p12");
const K17_LEGACY: &[u8] = include_bytes!("data/k17-legacy.p12");
const OPENSSL_CSP: &[u8] = include_bytes!("data/openssl-csp.p12");

struct Pool {
    pkcs8: Vec<u8>,
    /// Self-signed certificates.
    single: Vec<CertificateDer>,
    /// Leaf, intermediate, root.
    chain: Vec<CertificateDer>,
}

fn pool() -> &'static Pool {
    static POOL: OnceLock<Pool> = OnceLock::new();
    POOL.get_or_init(|| {
        let limits = Limits::DEFAULT;
        let open = |bytes: &[u8], pw: &str| {
            decode(bytes, Some(&Password::new(pw)), &limits)
                .unwrap()
                .entries
        };
        let small = open(SPEC_SMALL17, "changeit");
        let Some((_, Entry::PrivateKey(k))) = small.iter().next() else {
            panic!()
        };
        let pkcs8 = k
            .key
            .decrypt(&Password::new("changeit"), &limits)
            .unwrap()
            .as_bytes()
            .to_vec();
        let mut single = vec![k.chain[0].clone()];
        single.extend(
            open(K17_SINGLE, "changeit-A")
                .iter()
                .flat_map(|(_, e)| e.certificates().to_vec()),
        );
        single.extend(
            open(K17_LEGACY, "changeit-A")
                .iter()
                .flat_map(|(_, e)| e.certificates().to_vec()),
        );
        let chain = open(OPENSSL_CSP, "csp-pass-1")
            .iter()
            .next()
            .unwrap()
            .1
            .certificates()
            .to_vec();
        assert_eq!(chain.len(), 3);
        Pool {
            pkcs8,
            single,
            chain,
        }
    })
}

#[derive(Clone, Debug)]
enum Spec {
    /// 0: no chain, 1: a self-signed certificate (index), 2: the 3-certificate chain.
    Key(u8, usize),
    Trusted(usize),
    Secret(usize, Vec<u8>),
}

const SECRET_ALGS: [&str; 5] = ["AES", "HmacSHA256", "DESede", "HmacSHA512", "1.2.3.4.5"];

fn spec() -> impl Strategy<Value = Spec> {
    prop_oneof![
        (0u8..3, 0usize..4).prop_map(|(c, i)| Spec::Key(c, i)),
        (0usize..7).prop_map(Spec::Trusted),
        (
            0usize..SECRET_ALGS.len(),
            prop::collection::vec(any::<u8>(), 1..48)
        )
            .prop_map(|(a, k)| Spec::Secret(a, k)),
    ]
}

fn alias_prefix() -> impl Strategy<Value = String> {
    prop::string::string_regex("[a-zA-Z0-9 ._\\-\u{0}\u{e9}\u{130}\u{3c3}\u{1F5DD}\u{10FFFF}]{0,8}")
        .unwrap()
}

/// Builds entries (unique aliases: the prefix plus a distinct final digit) and the order a
/// decoder sees them in: key and secret entries (the data safe) before trusted ones.
fn build(
    specs: &[(String, Spec)],
    pw: &Password,
    options: &WriteOptions,
) -> (Entries, Vec<(Alias, Entry)>) {
    let p = pool();
    let mut rng = seeded(3);
    let mut entries = Entries::new();
    let mut keyish = Vec::new();
    let mut trusted = Vec::new();
    for (i, (prefix, spec)) in specs.iter().enumerate() {
        let alias = Alias::new(format!("{prefix}{i}"));
        let created = Some(Timestamp(1_700_000_000_000 + i64::try_from(i).unwrap()));
        let entry = match spec {
            Spec::Key(c, idx) => {
                let chain = match c {
                    0 => vec![],
                    1 => vec![p.single[idx % p.single.len()].clone()],
                    _ => p.chain.clone(),
                };
                let key = protect_private_key(&p.pkcs8, pw, options, &mut rng).unwrap();
                Entry::PrivateKey(PrivateKeyEntry::new(created, key, chain))
            }
            Spec::Trusted(idx) => {
                let all: Vec<&CertificateDer> = p.single.iter().chain(&p.chain).collect();
                Entry::TrustedCert(TrustedCertEntry::new(None, all[idx % all.len()].clone()))
            }
            Spec::Secret(a, bytes) => {
                let key = SecretKey::new(SECRET_ALGS[*a], Zeroizing::new(bytes.clone()));
                let sealed = protect_secret_key(&key, pw, options, &mut rng).unwrap();
                Entry::SecretKey(SecretKeyEntry::new(created, sealed))
            }
        };
        entries.push_raw(alias.clone(), entry.clone());
        if matches!(entry, Entry::TrustedCert(_)) {
            trusted.push((alias, entry));
        } else {
            keyish.push((alias, entry));
        }
    }
    keyish.extend(trusted);
    (entries, keyish)
}

fn same(a: &Entry, b: &Entry, pw: &Password) {
    let limits = Limits::DEFAULT;
    assert_eq!(a.kind(), b.kind());
    assert_eq!(a.created(), b.created());
    assert_eq!(a.certificates(), b.certificates());
    assert_eq!(a.extra(), b.extra());
    match (a, b) {
        (Entry::PrivateKey(x), Entry::PrivateKey(y)) => {
            assert_eq!(
                x.key.decrypt(pw, &limits).unwrap().as_bytes(),
                y.key.decrypt(pw, &limits).unwrap().as_bytes()
            );
        }
        (Entry::SecretKey(x), Entry::SecretKey(y)) => {
            let (ProtectedSecret::Pkcs12(x), ProtectedSecret::Pkcs12(y)) = (&x.key, &y.key) else {
                panic!()
            };
            assert_eq!(
                decrypt_secret_key(x, pw, &limits).unwrap(),
                decrypt_secret_key(y, pw, &limits).unwrap()
            );
        }
        _ => {}
    }
}

fn round_trip(profile: Profile, specs: &[(String, Spec)], password: &str) {
    let pw = Password::new(password);
    let options = WriteOptions::new(profile).with_iterations(2);
    let (entries, expected) = build(specs, &pw, &options);
    let bytes = encode(&entries, &options, &pw, &mut seeded(5)).unwrap();
    let decoded = decode(&bytes, Some(&pw), &Limits::DEFAULT).unwrap();
    assert_eq!(decoded.profile, profile);
    assert!(decoded.entries.extra().is_empty());
    let got: Vec<_> = decoded.entries.iter().collect();
    assert_eq!(got.len(), expected.len());
    for ((a, e), (ea, ee)) in got.iter().zip(&expected) {
        assert_eq!(*a, ea);
        same(e, ee, &pw);
    }
    // Encoding the decoded entries again gives the same entries.
    let again = encode(&decoded.entries, &options, &pw, &mut seeded(6)).unwrap();
    let decoded2 = decode(&again, Some(&pw), &Limits::DEFAULT).unwrap();
    assert_eq!(decoded2.entries.len(), decoded.entries.len());
    for ((a1, e1), (a2, e2)) in decoded.entries.iter().zip(decoded2.entries.iter()) {
        assert_eq!(a1, a2);
        same(e1, e2, &pw);
    }
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 32,
        rng_seed: RngSeed::Fixed(0x706b_6373_3132),
        ..ProptestConfig::default()
    }
}

fn specs() -> impl Strategy<Value = Vec<(String, Spec)>> {
    prop::collection::vec((alias_prefix(), spec()), 0..6)
}

fn password() -> impl Strategy<Value = String> {
    prop::string::string_regex("[a-zA-Z0-9\u{e4}\u{20ac}\u{1F511}]{0,10}").unwrap()
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn jdk_profile(specs in specs(), pw in password()) {
        round_trip(Profile::Jdk, &specs, &pw);
    }

    #[test]
    fn legacy_profile(specs in specs(), pw in password()) {
        round_trip(Profile::Legacy, &specs, &pw);
    }

    #[test]
    fn pbmac1_profile(specs in specs(), pw in password()) {
        round_trip(Profile::Pbmac1, &specs, &pw);
    }

    #[test]
    fn passwordless_truststore_profile(specs in specs(), pw in password()) {
        round_trip(Profile::PasswordlessTruststore, &specs, &pw);
    }
}

/// The real iteration counts of each profile, once.
#[test]
fn default_iteration_counts_round_trip() {
    let specs = vec![
        ("key".to_string(), Spec::Key(2, 0)),
        ("ca".to_string(), Spec::Trusted(0)),
        ("secret".to_string(), Spec::Secret(0, vec![1; 16])),
    ];
    for profile in [
        Profile::Jdk,
        Profile::Legacy,
        Profile::Pbmac1,
        Profile::PasswordlessTruststore,
    ] {
        let pw = Password::new("changeit");
        let options = WriteOptions::new(profile);
        let (entries, expected) = build(&specs, &pw, &options);
        let bytes = encode(&entries, &options, &pw, &mut seeded(8)).unwrap();
        let decoded = decode(&bytes, Some(&pw), &Limits::DEFAULT).unwrap();
        assert_eq!(decoded.profile, profile);
        for ((a, e), (ea, ee)) in decoded.entries.iter().zip(&expected) {
            assert_eq!(a, ea);
            same(e, ee, &pw);
        }
    }
}
