//! PKCS#12 benchmarks.
//!
//! Stores are built once, in memory: `data/cacerts.jks` (144 trusted certificates, store
//! password `changeit`) converted to PKCS#12 with `KeyStore::convert`, and 10,000 entries
//! cycling through the same certificates under distinct aliases (as `load.rs` builds its
//! 10,000-entry JKS), each written with `KeyStore::to_bytes` in the profiles benchmarked
//! (≈ 180 KB and 11.9 MB; the profiles differ by a few hundred bytes).
//!
//! * `pkcs12_from_bytes/{jdk,legacy,pbmac1,passwordless}/cacerts`, `…/{jdk,passwordless}/10000`:
//!   `KeyStore::from_bytes` with the store password: verify the MAC (none for `passwordless`),
//!   decrypt the certificate safe (none for `passwordless`), parse every bag. Throughput is in
//!   entries.
//! * `pkcs12_to_bytes/jdk/cacerts`: `KeyStore::to_bytes` in the `Jdk` profile (fresh salts,
//!   PBES2 certificate safe, HMAC-SHA256 MAC).
//! * `pkcs12_kdf/sha256_10000`: the PKCS#12 KDF (`keystore_pbe::pkcs12_kdf::secret_derive`,
//!   SHA-256, ID 3, 20-byte salt, 10,000 iterations, 32 bytes): the MAC key of the `Jdk` profile.
//! * `pbkdf2/hmac_sha256_10000`: PBKDF2-HMAC-SHA256 at 10,000 iterations for a 32-byte key, as
//!   PBES2 (and PBMAC1) use it. `keystore-pbe` has no public bare PBKDF2, so this is
//!   `keystore_pbe::pbes2::decrypt` of one AES-256-CBC block: the key derivation is all of it.
#![allow(missing_docs, clippy::unwrap_used, reason = "benchmark")]

use core::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use keystore::{
    Alias, CertificateDer, Entries, Entry, KeyStore, Limits, Password, Pkcs12Profile, StoreFormat,
    Timestamp, TrustedCertEntry,
};
use keystore_pbe::{HashAlgorithm, pbes2, pkcs12_kdf};

const CACERTS: &[u8] = include_bytes!("data/cacerts.jks");
const PASSWORD: &str = "changeit";
/// The iteration count of the `Jdk` profile (MAC and PBES2), keytool's default.
const ITERATIONS: u32 = 10_000;

/// The certificates of the embedded cacerts, in file order.
fn real_certs() -> Vec<CertificateDer> {
    let decoded = keystore_jks::decode(CACERTS, None, &Limits::DEFAULT).unwrap();
    decoded
        .entries
        .iter()
        .filter_map(|(_, e)| e.certificate().cloned())
        .collect()
}

/// A trust store of `n` entries cycling through `certs`.
fn synthetic(n: usize, certs: &[CertificateDer]) -> Entries {
    let mut entries = Entries::new();
    let mut created = Timestamp(1_700_000_000_000);
    for (i, cert) in (0..n).zip(certs.iter().cycle()) {
        let entry = TrustedCertEntry::new(Some(created), cert.clone());
        entries.push_raw(
            Alias::new(format!("cert-{i:05}")),
            Entry::TrustedCert(entry),
        );
        created.0 += 1;
    }
    entries
}

/// `store` (PKCS#12) written with `profile` (checked to load back as such).
fn with_profile(store: &KeyStore, profile: Pkcs12Profile, password: &Password) -> Vec<u8> {
    let mut store = store.clone();
    store.set_pkcs12_profile(profile);
    let bytes = store.to_bytes(password).unwrap();
    let back = KeyStore::from_bytes(&bytes, Some(password)).unwrap();
    assert_eq!(back.format(), StoreFormat::Pkcs12);
    assert_eq!(back.pkcs12_profile(), profile);
    assert_eq!(back.len(), store.len());
    bytes
}

fn bench_pkcs12(c: &mut Criterion) {
    let password = Password::new(PASSWORD);
    let certs = real_certs();
    assert_eq!(
        certs.len(),
        144,
        "data/cacerts.jks should hold 144 certificates"
    );
    let same = |_: &str| password.clone();
    let cacerts = KeyStore::from_bytes(CACERTS, Some(&password))
        .unwrap()
        .convert(StoreFormat::Pkcs12, &same, &same)
        .unwrap();
    assert_eq!(cacerts.pkcs12_profile(), Pkcs12Profile::Jdk);
    // Built directly: `convert` looks every alias up linearly (≈ 9 s for 10,000 entries).
    let mut big = KeyStore::new(StoreFormat::Pkcs12);
    *big.entries_mut() = synthetic(10_000, &certs);

    let profiles = [
        ("jdk", Pkcs12Profile::Jdk),
        ("legacy", Pkcs12Profile::Legacy),
        ("pbmac1", Pkcs12Profile::Pbmac1),
        ("passwordless", Pkcs12Profile::PasswordlessTruststore),
    ];
    // (profile name, store name, entries, bytes)
    let mut stores: Vec<(&str, &str, usize, Vec<u8>)> = Vec::new();
    for (name, profile) in profiles {
        let bytes = with_profile(&cacerts, profile, &password);
        stores.push((name, "cacerts", cacerts.len(), bytes));
    }
    for (name, profile) in [
        ("jdk", Pkcs12Profile::Jdk),
        ("passwordless", Pkcs12Profile::PasswordlessTruststore),
    ] {
        let bytes = with_profile(&big, profile, &password);
        stores.push((name, "10000", big.len(), bytes));
    }

    let mut group = c.benchmark_group("pkcs12_from_bytes");
    for (profile, store, n, bytes) in &stores {
        // Legacy: 100,000 SHA-1 MAC iterations and 2 × 50,000 for the RC2 safe; 10,000
        // entries: 11 MB to decrypt or parse.
        group.sample_size(if *profile == "legacy" || *n > 1_000 {
            10
        } else {
            50
        });
        group.throughput(Throughput::Elements(*n as u64));
        group.bench_with_input(BenchmarkId::new(*profile, store), bytes, |b, bytes| {
            b.iter(|| KeyStore::from_bytes(black_box(bytes), Some(&password)).unwrap());
        });
    }
    group.finish();

    let mut group = c.benchmark_group("pkcs12_to_bytes");
    group.sample_size(50);
    group.throughput(Throughput::Elements(cacerts.len() as u64));
    group.bench_function("jdk/cacerts", |b| {
        b.iter(|| black_box(&cacerts).to_bytes(&password).unwrap());
    });
    group.finish();

    let salt = [7u8; 20];
    let mut group = c.benchmark_group("pkcs12_kdf");
    group.sample_size(50);
    group.bench_function(format!("sha256_{ITERATIONS}"), |b| {
        b.iter(|| {
            pkcs12_kdf::secret_derive(
                HashAlgorithm::Sha256,
                pkcs12_kdf::ID_MAC,
                Some(&password),
                black_box(&salt),
                ITERATIONS,
                ITERATIONS,
                32,
            )
            .unwrap()
        });
    });
    group.finish();

    let params = pbes2::Params::new(
        HashAlgorithm::Sha256,
        pbes2::Cipher::Aes256Cbc,
        &salt,
        &[9; 16],
        ITERATIONS,
    )
    .unwrap();
    // 15 bytes + 1 byte of padding: one AES block.
    let plaintext = [0x30, 13, 4, 11, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    let ciphertext = pbes2::encrypt(&params, &plaintext, &password).unwrap();
    assert_eq!(ciphertext.len(), 16);
    assert_eq!(
        &pbes2::decrypt(&params, &ciphertext, &password, ITERATIONS).unwrap()[..],
        &plaintext
    );
    let mut group = c.benchmark_group("pbkdf2");
    group.sample_size(50);
    group.bench_function(format!("hmac_sha256_{ITERATIONS}"), |b| {
        b.iter(|| pbes2::decrypt(&params, black_box(&ciphertext), &password, ITERATIONS).unwrap());
    });
    group.finish();
}

criterion_group!(benches, bench_pkcs12);
criterion_main!(benches);
